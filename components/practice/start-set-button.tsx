"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/components/workspace/api";
import { examUiText } from "@/lib/i18n/exam-ui";
import type { Locale } from "@/lib/i18n/locales";

/** Starts a timed set (or the full-length simulation) on the server (which draws the questions and fixes the deadline), then opens it. */
export function StartSetButton({ locale, exam, kind = "short" }: { locale: Locale; exam: string; kind?: "short" | "full" }) {
  const t = examUiText(locale);
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function start() {
    setBusy(true);
    setError(null);
    try {
      const { id } = await postJson<{ id: string }>("/api/exam/sets", { exam, kind }, locale);
      router.push(`/${locale}/exam/${exam}/sets/${id}`);
    } catch (err) {
      setError(t.errorStarting((err as Error).message));
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="primary" onClick={start} disabled={busy} data-testid={kind === "full" ? "start-simulation" : "start-set"}>
        {busy ? t.starting : kind === "full" ? t.startSimulation : t.startSet}
      </button>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
