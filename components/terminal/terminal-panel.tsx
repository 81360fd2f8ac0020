"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { terminalText } from "@/lib/i18n/terminal-ui";
import type { AwsTerminalProps } from "./aws-terminal";

/** xterm and the AWS CLI interpreter load only when a terminal is first shown (they are not part of a page's first load). */
export const AwsTerminal = dynamic<AwsTerminalProps>(() => import("./aws-terminal"), { ssr: false, loading: () => <TerminalLoading /> });

function TerminalLoading() {
  return <div className="terminal-frame terminal-loading" role="status" aria-busy="true" />;
}

/**
 * The terminal in the lesson page: closed until the learner opens it, then kept (closing hides it without ending a
 * running command or losing what it printed). file://NAME reads the lesson editor's files as they are now.
 */
export function TerminalPanel({ locale, files }: { locale: Locale; files: Record<string, string> }) {
  const t = terminalText(locale);
  const [opened, setOpened] = useState(false);
  return (
    <details className="terminal-panel" data-testid="terminal-panel" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>{t.heading}</summary>
      <p className="muted">
        {t.explain} <Link href={`/${locale}/terminal`}>{t.openPage}</Link>
      </p>
      {opened && <AwsTerminal locale={locale} files={files} />}
    </details>
  );
}
