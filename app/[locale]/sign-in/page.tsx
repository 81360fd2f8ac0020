import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { currentAccount } from "@/app/_server/require-role";
import { SignInForm } from "@/components/account/account-forms";
import { accountText } from "@/lib/i18n/account-ui";
import { isLocale } from "@/lib/i18n/locales";

export async function generateMetadata({ params }: PageProps<"/[locale]/sign-in">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: accountText(locale).signInTitle } : {};
}

/** `?next=/en/lessons/…` returns there after signing in; only a path on this site is followed. */
export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  if (await currentAccount()) redirect(`/${locale}/account`);
  const t = accountText(locale);
  const asked = (await searchParams).next;
  const next = typeof asked === "string" && /^\/(?!\/)[^\\]*$/.test(asked) ? asked : `/${locale}`;
  return (
    <div className="account-page">
      <h1>{t.signInTitle}</h1>
      <p>{t.signInIntro}</p>
      <SignInForm locale={locale} next={next} />
      <p>
        {t.noAccount} <Link href={`/${locale}/sign-up`}>{t.signUp}</Link>
      </p>
    </div>
  );
}
