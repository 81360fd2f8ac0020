import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { examUiText } from "@/lib/i18n/exam-ui";
import { terminalText } from "@/lib/i18n/terminal-ui";
import { LanguageSwitch } from "./language-switch";

export function SiteHeader({ locale }: { locale: Locale }) {
  const t = uiText(locale);
  return (
    <header className="site-header">
      <Link href={`/${locale}`} className="brand">
        {t.siteName}
      </Link>
      <nav aria-label="site">
        <Link href={`/${locale}/exam`}>{examUiText(locale).navLabel}</Link>
        <Link href={`/${locale}/terminal`}>{terminalText(locale).navLabel}</Link>
        <Link href={`/${locale}/reference/rules`}>{t.reference}</Link>
        <LanguageSwitch locale={locale} />
      </nav>
    </header>
  );
}
