"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { formatSimTime, sandboxUiText } from "@/lib/i18n/sandbox-ui";
import type { LessonAction } from "@/lib/course/schema";
import { lifecycleOf, shortTaskDefinition, type TaskView } from "@/lib/sandbox-view";
import type { SandboxClock } from "@/lib/sandbox/gateway/clock";
import { InActionBar } from "./action-bar";
import { advanceClock, ApiError, getJson, postJson, type AdvanceResult } from "./api";
import { revealResult } from "./focus";
import { MovedReport, SandboxClockLine } from "./sandbox-clock";
import { sandboxChanged, useSandboxChanges, useToday, type SandboxChange } from "./sandbox-events";

/** A task changes state every few simulated seconds; the panel looks every second while one is on its way. */
const POLL_MS = 1000;

/** The task the panel follows: the last Run's (from the page, after a reload) or the one a Run just started. */
export interface RunTarget {
  cluster: string;
  taskArn: string;
}

interface RunAnswer {
  task: TaskView | null;
  taskDefinitionArn: string | null;
  reused: boolean;
  replaced: string[];
  clock: SandboxClock | null;
}

type Notice =
  | { kind: "started"; revision: string; reused: boolean; replaced: string[] }
  | { kind: "deployed"; revision: string; reused: boolean }
  | { kind: "gone" };

const shortId = (arn: string) => arn.split("/").pop()!.slice(0, 8);

/**
 * One of the lesson's page actions: run the file as a task, or deploy it to a service. The panel follows one task —
 * the last Run's — and shows every state of its lifecycle as the sandbox reaches it, the clock it happens on, and
 * what a fast-forward moved.
 */
export function SandboxPanel(props: { locale: Locale; lessonId: string; action: LessonAction; index: number; text: string; lastRun: RunTarget | null }) {
  const { locale, lessonId, action, index, text } = props;
  const t = uiText(locale);
  const s = sandboxUiText(locale);
  const [target, setTarget] = useState<RunTarget | null>(props.lastRun);
  const [task, setTask] = useState<TaskView | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [moved, setMoved] = useState<AdvanceResult | null>(null);
  const [keepPrevious, setKeepPrevious] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; note?: string } | null>(null);
  // The task the panel follows now: an answer about any other (a poll that left before the last Run) is dropped, so
  // the panel never goes back to an earlier task.
  const following = useRef<string | null>(props.lastRun?.taskArn ?? null);
  // Each finished Run scrolls its outcome (the task, or AWS's refusal) into view: the button sits in the action bar.
  const [runs, setRuns] = useState(0);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (runs > 0) revealResult(section.current?.querySelector(".task, .banner.error, [data-testid=deployed]"), "nearest");
  }, [runs]);

  const follow = useCallback((next: RunTarget | null, view: TaskView | null = null) => {
    following.current = next?.taskArn ?? null;
    setTarget(next);
    setTask(view);
  }, []);

  const refresh = useCallback(
    async (of: RunTarget) => {
      const query = new URLSearchParams({ cluster: of.cluster, task: of.taskArn });
      try {
        const data = await getJson<{ task: TaskView }>(`/api/sandbox/task?${query}`, locale);
        if (following.current === of.taskArn) setTask(data.task);
      } catch (e) {
        if (following.current !== of.taskArn) return;
        // Stopped tasks expire after an hour, and a reset removes everything: the panel lets go of this one.
        if (e instanceof ApiError && e.status === 404) {
          follow(null);
          setNotice({ kind: "gone" });
        }
      }
    },
    [locale, follow],
  );

  // The last Run's task, as it is now (after a reload, or when the lesson page is opened again): looked up once.
  const [initial] = useState(props.lastRun);
  useEffect(() => {
    if (initial && following.current === initial.taskArn) void refresh(initial);
  }, [initial, refresh]);

  // Follows the task while it is on its way; a STOPPED task changes no more.
  useEffect(() => {
    if (!target || !task || task.taskArn !== target.taskArn || task.lastStatus === "STOPPED") return;
    const timer = setTimeout(() => void refresh(target), POLL_MS);
    return () => clearTimeout(timer);
  }, [target, task, refresh]);

  // Another control moved the sandbox (the console's fast-forward or stop, a reset): look again now.
  const onChange = useCallback(
    (change: SandboxChange) => {
      if (change.reset) {
        follow(null);
        setNotice(null);
        setMoved(null);
      } else if (target) void refresh(target);
    },
    [target, refresh, follow],
  );
  useSandboxChanges(onChange);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? { message: e.message, note: e.note } : { message: e instanceof Error ? e.message : t.requestFailed });
    } finally {
      setBusy(false);
    }
  }

  const run = () =>
    !busy &&
    act(async () => {
      const data = await postJson<RunAnswer>(`/api/lessons/${lessonId}/run`, { action: index, text, keepPrevious }, locale);
      const revision = shortTaskDefinition(data.taskDefinitionArn ?? undefined);
      setMoved(null);
      if (action.kind === "deploy") setNotice({ kind: "deployed", revision, reused: data.reused });
      else if (data.task) {
        follow({ cluster: action.cluster, taskArn: data.task.taskArn }, data.task);
        setNotice({ kind: "started", revision, reused: data.reused, replaced: data.replaced });
      }
      sandboxChanged({ clock: data.clock });
    }).then(() => setRuns((n) => n + 1));
  const fastForward = () =>
    act(async () => {
      setMoved(await advanceClock(30, locale));
    });
  const stop = () =>
    act(async () => {
      if (!target) return;
      const data = await postJson<{ task: TaskView }>("/api/sandbox/stop", { cluster: target.cluster, task: target.taskArn }, locale);
      if (following.current === data.task.taskArn) setTask(data.task);
      sandboxChanged();
    });

  const live = task && task.lastStatus !== "STOPPED";
  return (
    <section aria-labelledby={`run-heading-${index}`} className="sandbox" data-testid={`run-panel-${index}`} ref={section}>
      <h3 id={`run-heading-${index}`}>{action.kind === "deploy" ? t.deployHeading : t.runHeading}</h3>
      <p className="muted">
        {action.kind === "deploy" ? t.deployExplain(action.file, action.service, action.cluster) : t.runExplain(action.file, action.cluster, action.launchType)}
      </p>
      {action.kind === "run-task" && (
        <>
          <p className="muted" data-testid="run-replaces">
            {s.runReplaces}
          </p>
          <label>
            <input type="checkbox" checked={keepPrevious} onChange={(e) => setKeepPrevious(e.target.checked)} data-testid="keep-previous" /> {s.keepPrevious}
          </label>
        </>
      )}
      <div className="actions">
        {/* In the lesson's action bar, so it is on screen wherever the learner is; aria-disabled keeps focus on it. */}
        <InActionBar>
          <button type="button" onClick={run} aria-disabled={busy} data-testid={action.kind === "deploy" ? "deploy" : "run"}>
            {busy && !task ? t.running : action.kind === "deploy" ? t.deploy : t.run}
          </button>
        </InActionBar>
        <button type="button" onClick={fastForward} disabled={busy} data-testid="run-fast-forward">
          {t.fastForward}
        </button>
        {live && (
          <button type="button" onClick={stop} disabled={busy || task.desiredStatus === "STOPPED"} data-testid="run-stop">
            {t.stopTask}
          </button>
        )}
      </div>
      <SandboxClockLine locale={locale} />
      {error && (
        <div className="banner error" role="alert" data-testid="run-error">
          {error.message.split("\n").map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          {error.note && <p className="muted">{error.note}</p>}
        </div>
      )}
      {notice && (
        <p role="status" data-testid={notice.kind === "deployed" ? "deployed" : "run-notice"}>
          {notice.kind === "deployed"
            ? [notice.reused && action.kind === "deploy" ? s.deployReused(action.file, notice.revision) : "", t.deployed(notice.revision)].filter(Boolean).join(" ")
            : notice.kind === "gone"
              ? s.taskGone
              : [notice.reused ? s.runReused(action.file, notice.revision) : s.runStarted(notice.revision), notice.replaced.length ? s.runReplaced(notice.replaced.map(shortId).join(", ")) : ""]
                  .filter(Boolean)
                  .join(" ")}
        </p>
      )}
      {moved && <MovedReport locale={locale} result={moved} />}
      {task && <TaskLifecycle locale={locale} task={task} restored={!notice && task.taskArn === initial?.taskArn} />}
    </section>
  );
}

/** The followed task: its state now, every lifecycle state with when it was entered, and why it stopped. */
function TaskLifecycle({ locale, task, restored }: { locale: Locale; task: TaskView; restored: boolean }) {
  const t = uiText(locale);
  const s = sandboxUiText(locale);
  const now = useToday();
  const phase = { done: s.phaseDone, current: s.phaseCurrent, next: s.phaseNext };
  const skipped = { integrations: s.skippedIntegrations, network: s.skippedNetwork, "never-ran": s.skippedNeverRan };
  return (
    <div className="task" data-task={task.taskArn.split("/").pop()}>
      {restored && <p className="muted">{s.lastRun}</p>}
      <p aria-live="polite">
        {t.taskState}: <strong data-testid="task-status">{task.lastStatus}</strong> <code className="arn">{task.taskArn.split("/").pop()}</code>{" "}
        <code>{shortTaskDefinition(task.taskDefinitionArn)}</code>
      </p>
      <p className="muted">{s.liveNote}</p>
      <ol className="timeline" aria-label={s.lifecycleLabel} data-testid="lifecycle">
        {lifecycleOf(task).map((step) => (
          <li key={step.status} data-status={step.status} data-phase={step.phase} aria-current={step.phase === "current" ? "step" : undefined}>
            {step.phase === "current" ? <strong className="status">{step.status}</strong> : <span className="status">{step.status}</span>}{" "}
            {step.phase === "skipped" ? (
              <span className="muted">— {skipped[step.skipped!]}</span>
            ) : (
              <>
                <span className="muted">({phase[step.phase]})</span>{" "}
                {step.at !== undefined && <time dateTime={new Date(step.at).toISOString()}>{formatSimTime(step.at, locale, now)}</time>}
              </>
            )}
          </li>
        ))}
      </ol>
      {task.stoppedReason && <StopFields task={task} />}
    </div>
  );
}

/** stopCode and stoppedReason as two labelled fields, named as the ECS API and the AWS CLI name them. */
export function StopFields({ task }: { task: Pick<TaskView, "stopCode" | "stoppedReason"> }) {
  return (
    <dl className="stop-fields" data-testid="stop-fields">
      {task.stopCode && (
        <div>
          <dt>stopCode</dt> <dd><code>{task.stopCode}</code></dd>
        </div>
      )}
      <div>
        <dt>stoppedReason</dt> <dd>{task.stoppedReason}</dd>
      </div>
    </dl>
  );
}
