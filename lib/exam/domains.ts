/**
 * The four exams' content domains. A task statement's code names its domain: SAA-2.1 is in SAA-C03's domain 2.
 * Titles from the official exam guides (docs.aws.amazon.com/aws-certification, "Exam content"); the SOA-C03 titles
 * carry the same caveat as curriculum §2.3 — re-check them against the official guide before publishing.
 */
import type { ExamId } from "./schema";

export const EXAM_DOMAINS: Record<ExamId, Record<string, string>> = {
  "SAA-C03": {
    "1": "Design Secure Architectures",
    "2": "Design Resilient Architectures",
    "3": "Design High-Performing Architectures",
    "4": "Design Cost-Optimized Architectures",
  },
  "DVA-C02": {
    "1": "Development with AWS Services",
    "2": "Security",
    "3": "Deployment",
    "4": "Troubleshooting and Optimization",
  },
  "SOA-C03": {
    "1": "Monitoring, Logging, Analysis, Remediation, and Performance Optimization",
    "2": "Reliability and Business Continuity",
    "3": "Deployment, Provisioning, and Automation",
    "4": "Security and Compliance",
    "5": "Networking and Content Delivery",
  },
  "DOP-C02": {
    "1": "SDLC Automation",
    "2": "Configuration Management and IaC",
    "3": "Resilient Cloud Solutions",
    "4": "Monitoring and Logging",
    "5": "Incident and Event Response",
    "6": "Security and Compliance",
  },
};

/** The domain number of a task statement code: "DVA-3.4" → "3". */
export function domainOf(taskStatement: string): string {
  const match = /^[A-Z]{3}-(\d+)\.\d+$/.exec(taskStatement);
  if (!match) throw new Error(`${taskStatement} is not a task statement code such as DVA-3.4`);
  return match[1];
}
