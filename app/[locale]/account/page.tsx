import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { currentAccount } from "@/app/_server/require-role";
import { DeleteAccount, PasswordForm, SignOutButton } from "@/components/account/account-forms";
import { accountText } from "@/lib/i18n/account-ui";
import { isLocale } from "@/lib/i18n/locales";
import { hasPassword } from "@/lib/people/account-actions";
import Link from "next/link";
import { ApiTokens } from "@/components/workshop/api-tokens";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { apiTokensOf } from "@/lib/people/api-tokens";
import { hasRole } from "@/lib/people/roles";

export async function generateMetadata({ params }: PageProps<"/[locale]/account">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: accountText(locale).accountTitle } : {};
}

/** The signed-in learner's account: password, export, sign out, delete. Anonymous visitors are sent to sign in. */
export default async function AccountPage({ params }: PageProps<"/[locale]/account">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const me = await currentAccount();
  if (!me) redirect(`/${locale}/sign-in?next=/${locale}/account`);
  const t = accountText(locale);
  const withPassword = await hasPassword(me.userId);
  return (
    <div className="account-page">
      <h1>{t.accountTitle}</h1>
      <p data-testid="signed-in-as">{t.signedInAs(me.label)}</p>
      <p>
        {t.roleLabel}: <span data-testid="role">{t.roles[me.role]}</span>
      </p>
      {hasRole(me.role, "instructor") && (
        <section aria-labelledby="workshops-heading" className="panel">
          <h2 id="workshops-heading">{workshopText(locale).workshops}</h2>
          <p>
            <Link className="button-link" href={`/${locale}/workshops`} data-testid="workshops-link">
              {workshopText(locale).workshops}
            </Link>
          </p>
          <h3>{workshopText(locale).tokens}</h3>
          <ApiTokens
            locale={locale}
            tokens={(await apiTokensOf(me.userId)).map((tok) => ({ ...tok, createdAt: tok.createdAt.toISOString(), lastUsedAt: tok.lastUsedAt?.toISOString() ?? null }))}
          />
        </section>
      )}
      <section aria-labelledby="password-heading" className="panel">
        <h2 id="password-heading">{withPassword ? t.changePasswordTitle : t.setPasswordTitle}</h2>
        {!withPassword && <p>{t.setPasswordIntro}</p>}
        <PasswordForm locale={locale} hasPassword={withPassword} />
      </section>
      <section aria-labelledby="export-heading" className="panel">
        <h2 id="export-heading">{t.exportTitle}</h2>
        <p>{t.exportIntro}</p>
        <a className="button-link" href="/api/account/export" download data-testid="export">
          {t.exportButton}
        </a>
      </section>
      <section aria-labelledby="sign-out-heading" className="panel">
        <h2 id="sign-out-heading">{t.signOut}</h2>
        <p>{t.signOutIntro}</p>
        <SignOutButton locale={locale} />
      </section>
      <section aria-labelledby="delete-heading" className="panel">
        <h2 id="delete-heading">{t.deleteTitle}</h2>
        <p>{t.deleteIntro}</p>
        <DeleteAccount locale={locale} />
      </section>
    </div>
  );
}
