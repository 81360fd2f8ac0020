"use client";

import type { Locale } from "@/lib/i18n/locales";
import { FileArea } from "./file-area";
import { AwsTerminal } from "./terminal-panel";

/**
 * The terminal on its own page: loaded at once, since showing it is what the page is for; the learner's files below
 * (a module of its own, so lesson pages, which show no file area, do not carry its code).
 */
export function TerminalPageBody({ locale }: { locale: Locale }) {
  return (
    <>
      <AwsTerminal locale={locale} />
      <FileArea locale={locale} />
    </>
  );
}
