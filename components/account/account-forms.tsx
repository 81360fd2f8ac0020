"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { accountText } from "@/lib/i18n/account-ui";
import type { Locale } from "@/lib/i18n/locales";
import { useConfirm } from "../confirm-dialog";
import { Field, useSubmit } from "../form-parts";
import { rememberSession } from "../session-guard";
import { postJson } from "../workspace/api";

interface SessionSwap {
  session?: { fingerprint: string; ticket: string };
}

/** After the server replaced this browser's sessions: record the new one for the guard, then load `to` afresh. */
function goAfterSwap(result: SessionSwap, to: string) {
  if (result.session) rememberSession({ fingerprint: result.session.fingerprint, ticket: result.session.ticket });
  window.location.assign(to);
}

/** The account forms' inputs: names and passwords are never spell-checked or capitalised. */
const AccountField = (props: Parameters<typeof Field>[0]) => <Field spellCheck={false} autoCapitalize="none" {...props} />;

const value = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";

function AccountForm({ onSubmit, children, label, busyLabel, busy, errorView, testId }: {
  onSubmit(form: HTMLFormElement): void;
  children: ReactNode;
  label: string;
  busyLabel: string;
  busy: boolean;
  errorView: ReactNode;
  testId: string;
}) {
  return (
    <form
      className="account-form"
      noValidate
      data-testid={testId}
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        if (!busy) onSubmit(e.currentTarget);
      }}
    >
      {children}
      {errorView}
      <button type="submit" className="primary" aria-disabled={busy} data-testid={`${testId}-submit`}>
        {busy ? busyLabel : label}
      </button>
    </form>
  );
}

/** Sign-up and sign-in: posts the form's fields to `route`, then continues at `to` with the new session. */
function SessionForm({ locale, route, to, ...form }: { locale: Locale; route: string; to: string; testId: string; label: string; busyLabel: string; children: ReactNode }) {
  const { busy, run, errorView } = useSubmit(accountText(locale).failed);
  return (
    <AccountForm
      {...form}
      busy={busy}
      errorView={errorView}
      onSubmit={(element) =>
        run(async () => {
          const body = Object.fromEntries([...new FormData(element)].map(([name, entry]) => [name, String(entry)]));
          goAfterSwap(await postJson<SessionSwap>(route, body, locale), to);
        })
      }
    />
  );
}

export function SignUpForm({ locale }: { locale: Locale }) {
  const t = accountText(locale);
  return (
    <SessionForm locale={locale} route="/api/account/sign-up" to={`/${locale}/account`} testId="sign-up" label={t.signUp} busyLabel={t.creating}>
      <AccountField label={t.email} name="email" type="email" autoComplete="email" hint={t.emailHint} testId="email" />
      <AccountField label={t.username} name="username" type="text" autoComplete="username" hint={t.usernameHint} testId="username" />
      <AccountField label={t.password} name="password" type="password" autoComplete="new-password" hint={t.passwordHint} required testId="password" />
    </SessionForm>
  );
}

export function SignInForm({ locale, next }: { locale: Locale; next: string }) {
  const t = accountText(locale);
  return (
    <SessionForm locale={locale} route="/api/account/sign-in" to={next} testId="sign-in" label={t.signIn} busyLabel={t.signingIn}>
      <AccountField label={t.login} name="login" type="text" autoComplete="username" required testId="login" />
      <AccountField label={t.password} name="password" type="password" autoComplete="current-password" required testId="password" />
    </SessionForm>
  );
}

export function PasswordForm({ locale, hasPassword }: { locale: Locale; hasPassword: boolean }) {
  const t = accountText(locale);
  const { busy, setBusy, run, errorView } = useSubmit(accountText(locale).failed);
  const [done, setDone] = useState(false);
  return (
    <AccountForm
      testId="password-form"
      label={hasPassword ? t.changePassword : t.setPassword}
      busyLabel={t.saving}
      busy={busy}
      errorView={errorView}
      onSubmit={(form) =>
        run(async () => {
          setDone(false);
          const body = { currentPassword: value(form, "currentPassword"), newPassword: value(form, "newPassword") };
          await postJson("/api/account/password", body, locale);
          form.reset();
          setBusy(false);
          setDone(true);
        })
      }
    >
      {hasPassword && <AccountField label={t.currentPassword} name="currentPassword" type="password" autoComplete="current-password" required testId="current-password" />}
      <AccountField label={t.newPassword} name="newPassword" type="password" autoComplete="new-password" hint={t.passwordHint} required testId="new-password" />
      <p role="status" className="form-ok" data-testid="password-status">
        {done ? (hasPassword ? t.passwordChanged : t.passwordSet) : ""}
      </p>
    </AccountForm>
  );
}

export function SignOutButton({ locale }: { locale: Locale }) {
  const t = accountText(locale);
  const { busy, run, errorView } = useSubmit(accountText(locale).failed);
  return (
    <div>
      {errorView}
      <button
        type="button"
        aria-disabled={busy}
        data-testid="sign-out"
        onClick={() => !busy && run(async () => goAfterSwap(await postJson<SessionSwap>("/api/account/sign-out", {}, locale), `/${locale}`))}
      >
        {t.signOut}
      </button>
    </div>
  );
}

export function DeleteAccount({ locale }: { locale: Locale }) {
  const t = accountText(locale);
  const { busy, run, errorView } = useSubmit(accountText(locale).failed);
  const { confirm, dialog } = useConfirm();
  const start = async () => {
    if (busy) return;
    const ok = await confirm({ title: t.deleteConfirmTitle, message: t.deleteConfirmMessage, confirmLabel: t.deleteConfirm, cancelLabel: t.cancel });
    if (ok) await run(async () => goAfterSwap(await postJson<SessionSwap>("/api/account/delete", {}, locale), `/${locale}`));
  };
  return (
    <div>
      {errorView}
      <button type="button" className="danger" aria-disabled={busy} data-testid="delete-account" onClick={start}>
        {busy ? t.deleting : t.deleteButton}
      </button>
      {dialog}
    </div>
  );
}

/** The one-time link's page: the token is in the URL's fragment, which browsers never send to a server or a log. */
export function LinkSignIn({ locale }: { locale: Locale }) {
  const t = accountText(locale);
  const { busy, run, errorView } = useSubmit(accountText(locale).failed);
  const [missing, setMissing] = useState(false);
  const go = () =>
    run(async () => {
      const token = window.location.hash.slice(1);
      if (!token) {
        setMissing(true);
        throw new Error(t.linkMissing);
      }
      goAfterSwap(await postJson<SessionSwap>("/api/account/link", { token }, locale), `/${locale}/account`);
    });
  return (
    <div>
      {errorView}
      <button type="button" className="primary" aria-disabled={busy || missing} data-testid="link-sign-in" onClick={() => !busy && go()}>
        {t.linkButton}
      </button>
    </div>
  );
}
