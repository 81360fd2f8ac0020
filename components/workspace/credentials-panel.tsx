"use client";

import { useState, useSyncExternalStore } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Path of the endpoint on this site; the browser adds its own origin. */
  endpointPath: string;
}

export function CredentialsPanel({ locale, credentials }: { locale: Locale; credentials: SandboxCredentials }) {
  const t = uiText(locale);
  const [copied, setCopied] = useState(false);
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
  const lines = [
    `export AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`,
    `export AWS_DEFAULT_REGION=${credentials.region}`,
    `export AWS_ENDPOINT_URL=${origin}${credentials.endpointPath}`,
  ].join("\n");
  return (
    <details className="credentials">
      <summary>{t.credentialsHeading}</summary>
      <p className="muted">{t.credentialsExplain}</p>
      <pre>
        <code data-testid="credentials">{lines}</code>
      </pre>
      <button
        type="button"
        onClick={() => navigator.clipboard?.writeText(lines).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? t.copied : t.copy}
      </button>
      <p className="muted">{t.tryCommand}</p>
      <pre>
        <code>aws ecs list-clusters{"\n"}aws ecs list-tasks --cluster dojo</code>
      </pre>
    </details>
  );
}

const noSubscription = () => () => {};
