/**
 * Basic image scanning, simulated: StartImageScan (and scan on push) starts a scan that completes ECR_TIMES.scanMs
 * later on the simulated clock; DescribeImageScanFindings then lists the image's findings.
 *
 * Findings are not computed from any content: they come from SCAN_FINDINGS below, keyed by the image's name — the
 * last segment of its repository name (`team/web` → `web`), or the name of the catalog image it was pushed as
 * (`source: "sbx/dbclient:1.0"` → `dbclient`) when the push said so. A name the table lacks gets DEFAULT_FINDINGS.
 * So every image of one name has the same findings, whatever its tag, and a learner can predict them. The CVEs are
 * real ones in the packages named; their severities are NVD's ratings, and the package versions are illustrative.
 */
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { epochSeconds } from "../../engine/wire";
import { ECR_ERRORS } from "./errors";
import { requireImage } from "./images";
import { ECR_TIMES, PAGE_LIMITS } from "./quotas";
import { paginate, requiredImageId, requireRepository } from "./requests";
import { imageKey, type EcrImageRecord } from "./state";

type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL" | "UNDEFINED";

interface Finding {
  name: string;
  severity: Severity;
  packageName: string;
  packageVersion: string;
  cvss3Score: string;
  description: string;
}

const CVE = {
  glibcTunables: {
    name: "CVE-2023-4911",
    severity: "HIGH",
    packageName: "glibc",
    packageVersion: "2.36-9+deb12u1",
    cvss3Score: "7.8",
    description: "A buffer overflow was discovered in the GNU C Library's dynamic loader ld.so while processing the GLIBC_TUNABLES environment variable.",
  },
  http2RapidReset: {
    name: "CVE-2023-44487",
    severity: "HIGH",
    packageName: "nghttp2",
    packageVersion: "1.52.0-1",
    cvss3Score: "7.5",
    description: "The HTTP/2 protocol allows a denial of service (server resource consumption) because request cancellation can reset many streams quickly.",
  },
  curlSocks5: {
    name: "CVE-2023-38545",
    severity: "CRITICAL",
    packageName: "curl",
    packageVersion: "7.88.1-10",
    cvss3Score: "9.8",
    description: "This flaw makes curl overflow a heap based buffer in the SOCKS5 proxy handshake.",
  },
  opensslPolicy: {
    name: "CVE-2023-0464",
    severity: "HIGH",
    packageName: "openssl",
    packageVersion: "3.0.8-1",
    cvss3Score: "7.5",
    description: "A security vulnerability has been identified in all supported versions of OpenSSL related to the verification of X.509 certificate chains that include policy constraints.",
  },
  expat: {
    name: "CVE-2022-40674",
    severity: "HIGH",
    packageName: "expat",
    packageVersion: "2.4.7-1",
    cvss3Score: "8.1",
    description: "libexpat before 2.4.9 has a use-after-free in the doContent function in xmlparse.c.",
  },
  utilLinux: {
    name: "CVE-2022-0563",
    severity: "MEDIUM",
    packageName: "util-linux",
    packageVersion: "2.38.1-5",
    cvss3Score: "5.5",
    description: "A flaw was found in the util-linux chfn and chsh utilities when compiled with Readline support.",
  },
  ncurses: {
    name: "CVE-2023-50495",
    severity: "MEDIUM",
    packageName: "ncurses",
    packageVersion: "6.4-4",
    cvss3Score: "6.5",
    description: "NCurse v6.4-20230418 was discovered to contain a segmentation fault via the component _nc_wrap_entry().",
  },
  shadow: {
    name: "CVE-2023-29383",
    severity: "LOW",
    packageName: "shadow",
    packageVersion: "1:4.13+dfsg1-1",
    cvss3Score: "3.3",
    description: "In Shadow 4.13, it is possible to inject control characters into fields provided to the SUID program chfn.",
  },
  apt: {
    name: "CVE-2011-3374",
    severity: "LOW",
    packageName: "apt",
    packageVersion: "2.6.1",
    cvss3Score: "3.7",
    description: "It was found that apt-key in apt, all versions, do not correctly validate gpg keys with the master keyring.",
  },
} satisfies Record<string, Finding>;

/** The findings of each image name (see the file comment). The curriculum's catalog images, and learner-built `web`. */
export const SCAN_FINDINGS: Record<string, Finding[]> = {
  web: [CVE.http2RapidReset, CVE.glibcTunables, CVE.ncurses, CVE.apt],
  dbclient: [CVE.opensslPolicy, CVE.curlSocks5, CVE.shadow],
  s3reader: [CVE.curlSocks5, CVE.expat, CVE.utilLinux],
  memhog: [CVE.glibcTunables, CVE.apt],
  // A distroless-style image: nothing to report.
  slowstart: [],
};

export const DEFAULT_FINDINGS: Finding[] = [CVE.utilLinux, CVE.shadow, CVE.apt];

/** The name SCAN_FINDINGS is keyed by, for an image. */
export function scanName(image: EcrImageRecord): string {
  const source = image.source?.replace(/[:@].*$/, "");
  const name = source ?? image.repositoryName;
  return name.slice(name.lastIndexOf("/") + 1);
}

export function findingsOf(image: EcrImageRecord): Finding[] {
  return SCAN_FINDINGS[scanName(image)] ?? DEFAULT_FINDINGS;
}

export function startScan(image: EcrImageRecord, clockMs: number): void {
  image.scan = { startedAtMs: clockMs };
}

const scanComplete = (image: EcrImageRecord, clockMs: number) => image.scan !== undefined && clockMs >= image.scan.startedAtMs + ECR_TIMES.scanMs;

/** [AWS-doc] the status description ECR gives a completed scan (API examples). */
const COMPLETE = { status: "COMPLETE", description: "The scan was completed successfully." };

function severityCounts(findings: Finding[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

/** The scan members of an ImageDetail (DescribeImages): none before the first scan. */
export function scanDetail(image: EcrImageRecord, clockMs: number): object {
  if (!image.scan) return {};
  if (!scanComplete(image, clockMs)) return { imageScanStatus: { status: "IN_PROGRESS" } };
  return {
    imageScanStatus: COMPLETE,
    imageScanFindingsSummary: {
      imageScanCompletedAt: epochSeconds(image.scan.startedAtMs + ECR_TIMES.scanMs),
      vulnerabilitySourceUpdatedAt: epochSeconds(image.scan.startedAtMs),
      findingSeverityCounts: severityCounts(findingsOf(image)),
    },
  };
}

function presentFinding(finding: Finding): object {
  return {
    name: finding.name,
    description: finding.description,
    uri: `https://security-tracker.debian.org/tracker/${finding.name}`,
    severity: finding.severity,
    attributes: [
      { key: "package_version", value: finding.packageVersion },
      { key: "package_name", value: finding.packageName },
      { key: "CVSS3_SCORE", value: finding.cvss3Score },
    ],
  };
}

function imageIdOf(image: EcrImageRecord, requested: { imageTag?: string }): object {
  const imageTag = requested.imageTag ?? image.imageTags[0];
  return { imageDigest: image.imageDigest, ...(imageTag !== undefined && { imageTag }) };
}

function startImageScan(state: SandboxState, input: Input, clockMs: number): object {
  const { ref } = requireRepository(state, input);
  const id = requiredImageId(input);
  const image = requireImage(state, ref, id);
  if (image.scan && clockMs < image.scan.startedAtMs + ECR_TIMES.scanQuotaMs) throw ECR_ERRORS.scanQuota();
  startScan(state.ecrImages[imageKey(image.repositoryName, image.imageDigest)], clockMs);
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, imageId: imageIdOf(image, id), imageScanStatus: { status: "IN_PROGRESS" } };
}

function describeImageScanFindings(state: SandboxState, input: Input, clockMs: number): object {
  const { ref } = requireRepository(state, input);
  const id = requiredImageId(input);
  const image = requireImage(state, ref, id);
  if (!image.scan) throw ECR_ERRORS.scanNotFound(id, ref);
  const answer = { registryId: ref.registryId, repositoryName: ref.repositoryName, imageId: imageIdOf(image, id) };
  // maxResults and nextToken are checked even while the scan runs.
  const findings = findingsOf(image);
  const { page, nextToken } = paginate(findings, input, PAGE_LIMITS.DescribeImageScanFindings);
  if (!scanComplete(image, clockMs)) return { ...answer, imageScanStatus: { status: "IN_PROGRESS" } };
  return {
    ...answer,
    imageScanStatus: COMPLETE,
    imageScanFindings: {
      imageScanCompletedAt: epochSeconds(image.scan.startedAtMs + ECR_TIMES.scanMs),
      vulnerabilitySourceUpdatedAt: epochSeconds(image.scan.startedAtMs),
      findingSeverityCounts: severityCounts(findings),
      findings: page.map(presentFinding),
    },
    ...(nextToken && { nextToken }),
  };
}

export const scanningOperations: Record<string, Operation> = {
  StartImageScan: { readOnly: false, run: startImageScan },
  DescribeImageScanFindings: { readOnly: true, run: describeImageScanFindings },
};
