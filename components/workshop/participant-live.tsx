"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { postJson } from "../workspace/api";

interface State {
  handRaised: boolean;
  endedAt: string | null;
  broadcasts: { id: number; message: string; at: string }[];
}

/** The participant's live part of the page: the instructor's messages as they arrive, the raise-hand toggle, the end. */
export function ParticipantLive({ locale, initial }: { locale: Locale; initial: State }) {
  const t = workshopText(locale);
  const [state, setState] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const source = new EventSource(`/api/workshops/participant/events?lang=${locale}`);
    source.addEventListener("room", (event) => setState((JSON.parse((event as MessageEvent).data) as { data: State }).data));
    return () => source.close();
  }, [locale]);
  const toggle = async () => {
    setError(null);
    try {
      const answer = await postJson<{ raised: boolean }>("/api/workshops/hand", { raised: !state.handRaised }, locale);
      setState((s) => ({ ...s, handRaised: answer.raised }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      {state.endedAt && (
        <p className="banner" role="status" data-testid="workshop-ended">
          {t.workshopEnded}
        </p>
      )}
      <section aria-labelledby="messages-heading" className="panel">
        <h2 id="messages-heading">{t.messages}</h2>
        <ul className="broadcasts" aria-live="polite" data-testid="broadcasts">
          {state.broadcasts.map((b) => (
            <li key={b.id}>
              <time dateTime={b.at}>{new Date(b.at).toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" })}</time> {b.message}
            </li>
          ))}
        </ul>
        {!state.endedAt && (
          <p>
            <button type="button" aria-pressed={state.handRaised} onClick={() => void toggle()} data-testid="raise-hand">
              <span aria-hidden="true">✋ </span>
              {state.handRaised ? t.lowerHand : t.raiseHand}
            </button>{" "}
            <span role="status">{state.handRaised ? t.handRaised : ""}</span>
          </p>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
      </section>
    </>
  );
}
