import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LinkSignIn } from "@/components/account/account-forms";
import { accountText } from "@/lib/i18n/account-ui";
import { isLocale } from "@/lib/i18n/locales";

export async function generateMetadata({ params }: PageProps<"/[locale]/sign-in/link">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: accountText(locale).linkTitle } : {};
}

/** Where `ecs-dojo users add` links point. Signing in is a button (a POST behind the CSRF gate), never the GET itself. */
export default async function LinkPage({ params }: PageProps<"/[locale]/sign-in/link">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = accountText(locale);
  return (
    <div className="account-page">
      <h1>{t.linkTitle}</h1>
      <p>{t.linkIntro}</p>
      <LinkSignIn locale={locale} />
    </div>
  );
}
