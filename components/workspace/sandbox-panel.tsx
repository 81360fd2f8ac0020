"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import type { LessonAction } from "@/lib/course/schema";
import type { TaskView } from "@/lib/sandbox-view";
import { InActionBar } from "./action-bar";
import { advanceClock, getJson, postJson } from "./api";
import { revealResult } from "./focus";

const POLL_MS = 1000;

/** One of the lesson's page actions: run the file as a task, or deploy it to a service. */
export function SandboxPanel(props: { locale: Locale; lessonId: string; action: LessonAction; index: number; text: string }) {
  const { locale, lessonId, action, index, text } = props;
  const cluster = action.cluster;
  const t = uiText(locale);
  const [deployed, setDeployed] = useState<string | null>(null);
  const [task, setTask] = useState<TaskView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each finished Run scrolls its outcome (the task, or AWS's refusal) into view: the button sits in the action bar.
  const [runs, setRuns] = useState(0);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (runs > 0) revealResult(section.current?.querySelector(".task, .banner.error, [data-testid=deployed]"), "nearest");
  }, [runs]);

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
    !busy &&
    act(async () => {
      const data = await postJson<{ task: TaskView | null; taskDefinitionArn: string | null }>(`/api/lessons/${lessonId}/run`, { action: index, text }, locale);
      setTask(data.task);
      setDeployed(action.kind === "deploy" ? (data.taskDefinitionArn?.split("/").pop() ?? null) : null);
    }).then(() => setRuns((n) => n + 1));
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
    <section aria-labelledby={`run-heading-${index}`} className="sandbox" ref={section}>
      <h3 id={`run-heading-${index}`}>{action.kind === "deploy" ? t.deployHeading : t.runHeading}</h3>
      <p className="muted">
        {action.kind === "deploy" ? t.deployExplain(action.file, action.service, cluster) : t.runExplain(action.file, cluster, action.launchType)}
      </p>
      <div className="actions">
        {/* In the lesson's action bar, so it is on screen wherever the learner is; aria-disabled keeps focus on it. */}
        <InActionBar>
          <button type="button" onClick={run} aria-disabled={busy} data-testid={action.kind === "deploy" ? "deploy" : "run"}>
            {busy && !task ? t.running : action.kind === "deploy" ? t.deploy : t.run}
          </button>
        </InActionBar>
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
      {deployed && (
        <p role="status" data-testid="deployed">
          {t.deployed(deployed)}
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
