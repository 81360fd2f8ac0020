"use client";

import { useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { postJson } from "../workspace/api";

/** The account page's personal API tokens: create one (shown once), revoke one. */
export function ApiTokens({ locale, tokens }: { locale: Locale; tokens: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[] }) {
  const t = workshopText(locale);
  const [list, setList] = useState(tokens);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    try {
      const made = await postJson<{ id: string; token: string }>("/api/account/tokens", { name: "API token" }, locale);
      setShown(made.token);
      setList((l) => [{ id: made.id, name: "API token", createdAt: new Date().toISOString(), lastUsedAt: null }, ...l]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const revoke = async (id: string) => {
    try {
      await postJson("/api/account/tokens", { revoke: id }, locale);
      setList((l) => l.filter((x) => x.id !== id));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div>
      <p>{t.tokensIntro}</p>
      <button type="button" onClick={() => void create()} data-testid="new-token">
        {t.newToken}
      </button>
      {shown && (
        <p role="status">
          {t.tokenShown} <code className="break-anywhere" data-testid="token">{shown}</code>
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <ul>
        {list.map((tok) => (
          <li key={tok.id}>
            {tok.name} · {tok.createdAt.slice(0, 10)}{" "}
            <button type="button" onClick={() => void revoke(tok.id)}>
              {t.revoke}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
