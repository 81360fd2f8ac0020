/**
 * Domain titles in the reader's language. English from domains.ts (the exam guides' wording); Japanese as AWS's
 * Japanese exam guides word them ("分野"), to be re-checked against the official guides with domains.ts's SOA-C03 caveat.
 */
import type { Locale } from "@/lib/i18n/locales";
import { EXAM_DOMAINS } from "./domains";
import type { ExamId } from "./schema";

const JA: Record<ExamId, Record<string, string>> = {
  "SAA-C03": {
    "1": "セキュアなアーキテクチャの設計",
    "2": "弾力性に優れたアーキテクチャの設計",
    "3": "高性能なアーキテクチャの設計",
    "4": "コストを最適化したアーキテクチャの設計",
  },
  "DVA-C02": {
    "1": "AWS のサービスを使用した開発",
    "2": "セキュリティ",
    "3": "デプロイ",
    "4": "トラブルシューティングと最適化",
  },
  "SOA-C03": {
    "1": "モニタリング、ロギング、分析、修復、パフォーマンスの最適化",
    "2": "信頼性と事業継続性",
    "3": "デプロイ、プロビジョニング、自動化",
    "4": "セキュリティとコンプライアンス",
    "5": "ネットワークとコンテンツ配信",
  },
  "DOP-C02": {
    "1": "SDLC の自動化",
    "2": "構成管理と IaC",
    "3": "回復性の高いクラウドソリューション",
    "4": "モニタリングとロギング",
    "5": "インシデントとイベントへの対応",
    "6": "セキュリティとコンプライアンス",
  },
};

export function domainTitle(exam: ExamId, domain: string, locale: Locale): string {
  return (locale === "ja" ? JA[exam][domain] : undefined) ?? EXAM_DOMAINS[exam][domain] ?? domain;
}

/** The exam's domain numbers, in order. */
export function examDomains(exam: ExamId): string[] {
  return Object.keys(EXAM_DOMAINS[exam]).sort((a, b) => Number(a) - Number(b));
}
