"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { postJson, setWritesHeld } from "./workspace/api";

const STORAGE_KEY = "dojo-session";

interface Remembered {
  fingerprint: string;
  ticket: string;
}

/**
 * After a sign-in, sign-up or sign-out the server replaces the anonymous session on purpose: the page records the new
 * one before it navigates, so the guard on the next page sees the session it expects.
 */
export function rememberSession(session: Remembered): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? "";

/**
 * Notices when the session cookie changed under this browser's learner. Cookies are shared by every port of a host,
 * so a page on another port can plant its own session; this site's localStorage is not shared, so it remembers which
 * session this browser worked in (and a sealed ticket to get it back). Until the learner chooses, nothing is saved:
 * their work must not land in someone else's profile.
 */
export function SessionGuard({ locale }: { locale: Locale }) {
  const t = uiText(locale);
  const [earlier, setEarlier] = useState<Remembered | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const current = { fingerprint: meta("dojo-session"), ticket: meta("dojo-session-ticket") };
    if (!current.fingerprint) return;
    let remembered: Remembered | null = null;
    try {
      remembered = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Remembered | null;
    } catch {
      // unreadable: treat as none
    }
    if (!remembered?.fingerprint || remembered.fingerprint === current.fingerprint) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
      return;
    }
    setWritesHeld(true);
    // Reading the browser's own storage after the first render is what an effect is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setEarlier(remembered);
  }, []);

  if (!earlier) return null;
  const keep = () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ fingerprint: meta("dojo-session"), ticket: meta("dojo-session-ticket") }));
    setWritesHeld(false);
    setEarlier(null);
  };
  const restore = () => {
    setError(null);
    postJson("/api/session/restore", { ticket: earlier.ticket }, locale, { evenWhenHeld: true }).then(
      () => window.location.reload(),
      (e: Error) => setError(e.message),
    );
  };
  return (
    <div role="alertdialog" aria-labelledby="session-changed-title" className="session-guard" data-testid="session-guard">
      <p id="session-changed-title">
        <strong>{t.sessionChangedTitle}</strong>
      </p>
      <p>{t.sessionChangedExplain}</p>
      {error && <p role="alert">{error}</p>}
      <button type="button" onClick={restore}>
        {t.sessionRestore}
      </button>{" "}
      <button type="button" onClick={keep}>
        {t.sessionKeepNew}
      </button>
    </div>
  );
}
