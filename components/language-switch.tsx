"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

/** Links to the same page in the other language and remembers the choice for "/". */
export function LanguageSwitch({ locale }: { locale: Locale }) {
  const pathname = usePathname() ?? `/${locale}`;
  const other: Locale = locale === "en" ? "ja" : "en";
  const t = uiText(locale);
  const href = pathname.replace(/^\/(en|ja)(?=\/|$)/, `/${other}`);
  return (
    <Link
      href={href}
      hrefLang={other}
      lang={other}
      title={t.switchLanguageLabel}
      onClick={() => {
        document.cookie = `dojo_locale=${other}; path=/; max-age=31536000; samesite=lax`;
      }}
    >
      {t.switchLanguage}
    </Link>
  );
}
