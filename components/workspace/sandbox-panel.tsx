"use client";

import { useCallback, useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import type { TaskView } from "@/lib/sandbox-view";
import { advanceClock, getJson, postJson } from "./api";

const POLL_MS = 1000;

export function SandboxPanel({ locale, lessonId, cluster, text }: { locale: Locale; lessonId: string; cluster: string; text: string }) {
  const t = uiText(locale);
  const [task, setTask] = useState<TaskView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(
    async (taskArn: string) => {
      const query = new URLSearchParams({ cluster, task: taskArn });
      const data = await getJson<{ task: TaskView }>(`/api/sandbox/task?${query}`, locale);
      setTask(data.task);
    },
    [cluster, locale],
  );

  useEffect(() => {
    if (!task || task.lastStatus === "STOPPED") return;
    const timer = setTimeout(() => refresh(task.taskArn).catch((e: Error) => setError(e.message)), POLL_MS);
    return () => clearTimeout(timer);
  }, [task, refresh]);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : t.requestFailed);
    } finally {
      setBusy(false);
    }
  }

  const run = () =>
    act(async () => {
      const data = await postJson<{ task: TaskView }>(`/api/lessons/${lessonId}/run`, { text }, locale);
      setTask(data.task);
    });
  const fastForward = () =>
    act(async () => {
      await advanceClock(30, locale);
      if (task) await refresh(task.taskArn);
    });
  const stop = () =>
    act(async () => {
      if (!task) return;
      const data = await postJson<{ task: TaskView }>("/api/sandbox/stop", { cluster, task: task.taskArn }, locale);
      setTask(data.task);
    });

  return (
    <section aria-labelledby="run-heading" className="sandbox">
      <h3 id="run-heading">{t.runHeading}</h3>
      <p className="muted">{t.runExplain}</p>
      <div className="actions">
        <button type="button" onClick={run} disabled={busy} data-testid="run">
          {busy && !task ? t.running : t.run}
        </button>
        {task && task.lastStatus !== "STOPPED" && (
          <>
            <button type="button" onClick={fastForward} disabled={busy}>
              {t.fastForward}
            </button>
            <button type="button" onClick={stop} disabled={busy || task.desiredStatus === "STOPPED"}>
              {t.stopTask}
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="banner error" role="alert" data-testid="run-error">
          {error}
        </p>
      )}
      {task && (
        <div className="task" aria-live="polite">
          <p>
            {t.taskState}: <strong data-testid="task-status">{task.lastStatus}</strong>{" "}
            <code className="arn">{task.taskArn.split("/").pop()}</code>
          </p>
          <ol className="timeline" aria-label={t.taskTimeline}>
            {task.timeline.map((step) => (
              <li key={step.status}>
                <span className="status">{step.status}</span>{" "}
                <time dateTime={new Date(step.at).toISOString()}>{new Date(step.at).toLocaleTimeString(locale)}</time>
              </li>
            ))}
          </ol>
          {task.stoppedReason && (
            <p>
              {t.stoppedReason}: <code>{task.stopCode}</code> {task.stoppedReason}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
