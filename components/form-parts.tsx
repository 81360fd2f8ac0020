"use client";

import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from "react";

/**
 * What every form of the site that posts and may fail shares (sign-up, sign-in, the account's forms, joining a
 * workshop, creating one): busy while posting, and the server's message shown, announced (role="alert") and focused
 * when it fails, so a screen reader and a keyboard user land on it. `failed` is said when the error has no message.
 */
export function useSubmit(failed: string) {
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
      setError((before) => ({ message: e instanceof Error && e.message ? e.message : failed, shown: (before?.shown ?? 0) + 1 }));
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

/** A labelled input with an optional hint it is described by; other input attributes pass through. */
export function Field({ label, hint, testId, ...input }: { label: string; name: string; hint?: string; testId?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? hintId : undefined} data-testid={testId} {...input} />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
