import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { currentAccount } from "@/app/_server/require-role";
import { SignUpForm } from "@/components/account/account-forms";
import { accountText } from "@/lib/i18n/account-ui";
import { isLocale } from "@/lib/i18n/locales";

export async function generateMetadata({ params }: PageProps<"/[locale]/sign-up">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: accountText(locale).signUpTitle } : {};
}

export default async function SignUpPage({ params }: PageProps<"/[locale]/sign-up">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  if (await currentAccount()) redirect(`/${locale}/account`);
  const t = accountText(locale);
  return (
    <div className="account-page">
      <h1>{t.signUpTitle}</h1>
      <p>{t.signUpIntro}</p>
      <SignUpForm locale={locale} />
      <p>
        {t.haveAccount} <Link href={`/${locale}/sign-in`}>{t.signIn}</Link>
      </p>
    </div>
  );
}
