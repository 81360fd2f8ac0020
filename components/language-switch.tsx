"use client";

import { usePathname } from "next/navigation";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

/**
 * Links to the same page in the other language and remembers the choice for "/". A plain link, not next/link: the
 * new page loads whole, so the editor loads again with Monaco's own labels in the new language
 * (components/workspace/monaco-messages.ts).
 */
export function LanguageSwitch({ locale }: { locale: Locale }) {
  const pathname = usePathname() ?? `/${locale}`;
  const other: Locale = locale === "en" ? "ja" : "en";
  const t = uiText(locale);
  const href = pathname.replace(/^\/(en|ja)(?=\/|$)/, `/${other}`);
  return (
    <a
      href={href}
      hrefLang={other}
      lang={other}
      title={t.switchLanguageLabel}
      data-testid="language-switch"
      onClick={() => {
        document.cookie = `dojo_locale=${other}; path=/; max-age=31536000; samesite=lax`;
      }}
    >
      {t.switchLanguage}
    </a>
  );
}
