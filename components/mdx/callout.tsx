import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

export type CalloutKind = "tip" | "warning" | "exam";

export function Callout({
  kind,
  type,
  title,
  locale,
  children,
}: {
  kind?: CalloutKind;
  /** The authoring guide's name for `kind`; "note" is a tip. */
  type?: CalloutKind | "note";
  title?: string;
  locale: Locale;
  children: ReactNode;
}) {
  kind ??= type === "note" || type === undefined ? "tip" : type;
  const t = uiText(locale);
  const label = { tip: t.calloutTip, warning: t.calloutWarning, exam: t.calloutExam }[kind] ?? t.calloutTip;
  return (
    <aside className={`callout callout-${kind}`} role="note" aria-label={title ?? label}>
      <p className="callout-title">{title ?? label}</p>
      <div>{children}</div>
    </aside>
  );
}
