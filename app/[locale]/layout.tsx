import "@fontsource-variable/inter";
import "@fontsource-variable/noto-sans-jp";
import "../globals.css";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { SESSION_COOKIE } from "@/lib/people/session-cookie";
import { csrfTokenFor, sealSession, sessionFingerprint } from "@/lib/people/session-token";
import { serverKey } from "@/lib/server-key";
import { LOCALES, isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { SessionGuard } from "@/components/session-guard";
import { SiteHeader } from "@/components/site-header";
import { currentAccount } from "@/app/_server/require-role";

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = uiText(locale);
  return { title: { default: t.siteName, template: `%s — ${t.siteName}` }, description: t.tagline };
}

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = uiText(locale);
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const account = await currentAccount();
  return (
    <html lang={locale}>
      <head>
        {session && (
          <>
            <meta name="dojo-csrf" content={csrfTokenFor(session, serverKey())} />
            <meta name="dojo-session" content={sessionFingerprint(session, serverKey())} />
            <meta name="dojo-session-ticket" content={sealSession(session, serverKey())} />
          </>
        )}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <SiteHeader locale={locale} account={account?.label ?? null} />
        <SessionGuard locale={locale} />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
