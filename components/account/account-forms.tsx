"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { accountText } from "@/lib/i18n/account-ui";
import type { Locale } from "@/lib/i18n/locales";
import { useConfirm } from "../confirm-dialog";
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

/** A form's shared state: busy while posting, the server's message (announced and focused) when it fails. */
function useSubmit(locale: Locale) {
  const [busy, setBusy] = useState(false);
  // `shown` counts failures, so the same message twice still moves focus to it again.
  const [error, setError] = useState<{ message: string; shown: number } | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((before) => ({ message: e instanceof Error ? e.message : accountText(locale).failed, shown: (before?.shown ?? 0) + 1 }));
      setBusy(false);
    }
  };
  const errorView = error ? (
    <p role="alert" className="form-error" tabIndex={-1} ref={errorRef} data-testid="form-error">
      {error.message}
    </p>
  ) : null;
  return { busy, setBusy, run, errorView };
}

function Field(props: { label: string; name: string; type: string; autoComplete: string; hint?: string; required?: boolean; testId: string }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-describedby={props.hint ? hintId : undefined}
        data-testid={props.testId}
        spellCheck={false}
        autoCapitalize="none"
      />
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

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

export function SignUpForm({ locale }: { locale: Locale }) {
  const t = accountText(locale);
  const { busy, run, errorView } = useSubmit(locale);
  return (
    <AccountForm
      testId="sign-up"
      label={t.signUp}
      busyLabel={t.creating}
      busy={busy}
      errorView={errorView}
      onSubmit={(form) =>
        run(async () => {
          const body = { email: value(form, "email"), username: value(form, "username"), password: value(form, "password") };
          goAfterSwap(await postJson<SessionSwap>("/api/account/sign-up", body, locale), `/${locale}/account`);
        })
      }
    >
      <Field label={t.email} name="email" type="email" autoComplete="email" hint={t.emailHint} testId="email" />
      <Field label={t.username} name="username" type="text" autoComplete="username" hint={t.usernameHint} testId="username" />
      <Field label={t.password} name="password" type="password" autoComplete="new-password" hint={t.passwordHint} required testId="password" />
    </AccountForm>
  );
}

export function SignInForm({ locale, next }: { locale: Locale; next: string }) {
  const t = accountText(locale);
  const { busy, run, errorView } = useSubmit(locale);
  return (
    <AccountForm
      testId="sign-in"
      label={t.signIn}
      busyLabel={t.signingIn}
      busy={busy}
      errorView={errorView}
      onSubmit={(form) =>
        run(async () => {
          const body = { login: value(form, "login"), password: value(form, "password") };
          goAfterSwap(await postJson<SessionSwap>("/api/account/sign-in", body, locale), next);
        })
      }
    >
      <Field label={t.login} name="login" type="text" autoComplete="username" required testId="login" />
      <Field label={t.password} name="password" type="password" autoComplete="current-password" required testId="password" />
    </AccountForm>
  );
}

export function PasswordForm({ locale, hasPassword }: { locale: Locale; hasPassword: boolean }) {
  const t = accountText(locale);
  const { busy, setBusy, run, errorView } = useSubmit(locale);
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
      {hasPassword && <Field label={t.currentPassword} name="currentPassword" type="password" autoComplete="current-password" required testId="current-password" />}
      <Field label={t.newPassword} name="newPassword" type="password" autoComplete="new-password" hint={t.passwordHint} required testId="new-password" />
      <p role="status" className="form-ok" data-testid="password-status">
        {done ? (hasPassword ? t.passwordChanged : t.passwordSet) : ""}
      </p>
    </AccountForm>
  );
}

export function SignOutButton({ locale }: { locale: Locale }) {
  const t = accountText(locale);
  const { busy, run, errorView } = useSubmit(locale);
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
  const { busy, run, errorView } = useSubmit(locale);
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
  const { busy, run, errorView } = useSubmit(locale);
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
