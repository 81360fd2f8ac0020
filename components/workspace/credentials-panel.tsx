"use client";

import { useState, useSyncExternalStore } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { sandboxUiText } from "@/lib/i18n/sandbox-ui";
import { ScrollRegion } from "../scroll-region";
import { postJson } from "./api";

export interface SandboxCredentials {
  /** The learner's own 12-digit sandbox account, what the CLI's ARNs carry. */
  accountId: string;
  /** The example account the lessons' files name, which the sandbox reads as the learner's own (engine/account.ts). */
  exampleAccountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Path of the endpoint on this site; the browser adds its own origin. */
  endpointPath: string;
}

/** The learner's sandbox keys, fetched when the panel is first opened (the page's HTML never carries the secret). */
export function CredentialsPanel({ locale }: { locale: Locale }) {
  const t = uiText(locale);
  const s = sandboxUiText(locale);
  const [copied, setCopied] = useState(false);
  const [credentials, setCredentials] = useState<SandboxCredentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
  const load = () => {
    if (credentials) return;
    setError(null);
    postJson<SandboxCredentials>("/api/sandbox/credentials", {}, locale).then(setCredentials, (e: Error) => setError(e.message));
  };
  const lines = credentials
    ? [
        `export AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`,
        `export AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`,
        `export AWS_DEFAULT_REGION=${credentials.region}`,
        `export AWS_ENDPOINT_URL=${origin}${credentials.endpointPath}`,
      ].join("\n")
    : null;
  return (
    <details className="credentials" onToggle={(e) => e.currentTarget.open && load()}>
      <summary>{t.credentialsHeading}</summary>
      <p className="muted">{t.credentialsExplain}</p>
      {error ? (
        <p role="alert">
          {error}{" "}
          <button type="button" onClick={load}>
            {t.retry}
          </button>
        </p>
      ) : (
        <ScrollRegion as="pre" label={t.credentialsHeading}>
          <code data-testid="credentials" aria-busy={!lines}>
            {lines ?? t.loading}
          </code>
        </ScrollRegion>
      )}
      <button
        type="button"
        disabled={!lines}
        onClick={() => lines && navigator.clipboard?.writeText(lines).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? t.copied : t.copy}
      </button>
      {credentials && (
        <p data-testid="sandbox-account">
          {s.accountLine(credentials.accountId)} {s.curriculumAccount(credentials.exampleAccountId)}
        </p>
      )}
      <p className="muted">{t.tryCommand}</p>
      <pre>
        <code>aws ecs list-clusters{"\n"}aws ecs list-tasks --cluster dojo</code>
      </pre>
    </details>
  );
}

const noSubscription = () => () => {};
