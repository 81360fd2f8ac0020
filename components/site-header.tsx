import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { examUiText } from "@/lib/i18n/exam-ui";
import { terminalText } from "@/lib/i18n/terminal-ui";
import { accountText } from "@/lib/i18n/account-ui";
import { LanguageSwitch } from "./language-switch";

/** `account` is the signed-in account's label (app/[locale]/layout.tsx reads it), or null for an anonymous visitor. */
export function SiteHeader({ locale, account }: { locale: Locale; account: string | null }) {
  const t = uiText(locale);
  const a = accountText(locale);
  return (
    <header className="site-header">
      <Link href={`/${locale}`} className="brand">
        {t.siteName}
      </Link>
      <nav aria-label="site">
        <Link href={`/${locale}/exam`}>{examUiText(locale).navLabel}</Link>
        <Link href={`/${locale}/terminal`}>{terminalText(locale).navLabel}</Link>
        <Link href={`/${locale}/reference/rules`}>{t.reference}</Link>
        {account ? (
          <Link href={`/${locale}/account`} data-testid="header-account" aria-label={`${a.account}: ${account}`}>
            {account}
          </Link>
        ) : (
          <Link href={`/${locale}/sign-in`} data-testid="header-sign-in">
            {a.signIn}
          </Link>
        )}
        <LanguageSwitch locale={locale} />
      </nav>
    </header>
  );
}
