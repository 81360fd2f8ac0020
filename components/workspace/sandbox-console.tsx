"use client";

import { useCallback, useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { formatSimTime, sandboxUiText } from "@/lib/i18n/sandbox-ui";
import type { SandboxClock } from "@/lib/sandbox/gateway/clock";
import type { ServiceView, TaskView } from "@/lib/sandbox-view";
import type { ScalingView } from "@/lib/sandbox/console-scaling";
import type { CapacityProviderView } from "@/lib/sandbox/console-capacity";
import type { TrafficView } from "@/lib/sandbox/console-traffic";
import { useConfirm } from "@/components/confirm-dialog";
import { advanceClock, getJson, postJson, type AdvanceResult } from "./api";
import { MovedReport, SandboxClockLine } from "./sandbox-clock";
import { sandboxChanged, useSandboxChanges, useToday } from "./sandbox-events";
import { StopFields } from "./sandbox-panel";
import { CapacitySection } from "./console-capacity";
import { ScalingSection } from "./console-scaling";
import { TrafficSection } from "./console-traffic";

const POLL_MS = 2000;

interface Snapshot {
  clusters: { clusterName: string; status: string; runningTasksCount: number; pendingTasksCount: number }[];
  cluster: string | null;
  services: ServiceView[];
  tasks: TaskView[];
  /** Null where the sandbox's backend does not answer load balancers and scaling (and for a visitor). */
  traffic: TrafficView | null;
  /** The chosen cluster's capacity providers (console-capacity.ts). */
  capacity: CapacityProviderView[];
}

/**
 * Someone else's sandbox, read-only (an instructor's drill-down into a participant): polled from `source`, a GET-only
 * route, with the viewer's own texts. No control that changes state is drawn, and none of the learner's own sandbox
 * routes (stop, fast-forward, reset, the clock) is called: they would act on the viewer's sandbox, not this one.
 */
export interface ReadOnlyView {
  source: string;
  heading: string;
  explain: string;
  empty: string;
}

/** Clusters → services → tasks of the learner's sandbox, with deployments, events and fast-forward; or, given `view`, another's, read-only. */
export function SandboxConsole({ locale, initialCluster, view }: { locale: Locale; initialCluster?: string; view?: ReadOnlyView }) {
  const t = uiText(locale);
  const s = sandboxUiText(locale);
  const [open, setOpen] = useState(view !== undefined);
  const [moved, setMoved] = useState<AdvanceResult | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [cluster, setCluster] = useState<string | null>(initialCluster ?? null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { confirm, dialog } = useConfirm();

  const source = view?.source ?? "/api/sandbox/console";
  const refresh = useCallback(async () => {
    try {
      const query = cluster ? `?${new URLSearchParams({ cluster })}` : "";
      setSnapshot(await getJson<Snapshot>(`${source}${query}`, locale));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : t.requestFailed);
    }
  }, [cluster, locale, source, t.requestFailed]);

  useEffect(() => {
    if (!open) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => refresh().finally(() => (timer = setTimeout(tick, POLL_MS)));
    tick();
    return () => clearTimeout(timer);
  }, [open, refresh]);

  // A Run, a fast-forward or a stop elsewhere on the page: show it now rather than at the next poll.
  const onChange = useCallback(() => {
    if (open) void refresh();
  }, [open, refresh]);
  useSandboxChanges(onChange);

  async function act(work: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : t.requestFailed);
    } finally {
      setBusy(false);
    }
  }

  const stopTask = (inCluster: string, taskArn: string) =>
    act(async () => {
      await postJson("/api/sandbox/stop", { cluster: inCluster, task: taskArn }, locale);
      sandboxChanged();
    });
  const fastForward = (seconds: number) =>
    act(async () => {
      setMoved(await advanceClock(seconds, locale));
    });
  // aria-disabled rather than disabled while busy: a disabled button would drop the focus the dialog gave back to <body>.
  const stopAll = async () =>
    !busy &&
    (await confirm({ title: s.stopAll, message: s.stopAllConfirm, confirmLabel: s.stopAll, cancelLabel: t.cancel })) &&
    act(async () => {
      const result = await postJson<{ stopped: string[]; serviceTasks: number }>("/api/sandbox/stop-all", {}, locale);
      setMoved(null);
      setDone(s.stopAllDone(result.stopped.length, result.serviceTasks));
      sandboxChanged();
    });
  const reset = async () =>
    !busy &&
    (await confirm({ title: s.resetSandbox, message: s.resetSandboxConfirm, confirmLabel: s.resetSandbox, cancelLabel: t.cancel })) &&
    act(async () => {
      const result = await postJson<{ clock: SandboxClock }>("/api/sandbox/reset", {}, locale);
      setMoved(null);
      setCluster(null);
      setDone(s.resetDone);
      sandboxChanged({ clock: result.clock, reset: true });
    });

  return (
    <details className="console" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="sandbox-console" data-read-only={view ? "true" : undefined}>
      <summary>{view?.heading ?? t.consoleHeading}</summary>
      <p className="muted">{view?.explain ?? t.consoleExplain}</p>
      <div className="actions">
        <button type="button" onClick={() => refresh()} disabled={busy}>
          {t.refresh}
        </button>
        {!view && (
          <>
            <button type="button" onClick={() => fastForward(30)} disabled={busy}>
              {t.fastForward}
            </button>
            <button type="button" onClick={() => fastForward(300)} disabled={busy}>
              {t.fastForward5m}
            </button>
            <button type="button" onClick={stopAll} aria-disabled={busy} data-testid="stop-all">
              {s.stopAll}
            </button>
            <button type="button" onClick={reset} aria-disabled={busy} data-testid="reset-sandbox">
              {s.resetSandbox}
            </button>
          </>
        )}
        {snapshot && snapshot.clusters.length > 1 && (
          <label>
            {t.clusterLabel}{" "}
            <select value={snapshot.cluster ?? ""} onChange={(e) => setCluster(e.target.value)}>
              {snapshot.clusters.map((c) => (
                <option key={c.clusterName}>{c.clusterName}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!view && <SandboxClockLine locale={locale} />}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p role="status" data-testid="console-done">
          {done}
        </p>
      )}
      {moved && <MovedReport locale={locale} result={moved} />}
      {snapshot && !snapshot.cluster && (
        <p className="muted" data-testid="console-empty">
          {view?.empty ?? t.noClusters}
        </p>
      )}
      {snapshot?.cluster && (
        <>
          <h4>{t.servicesHeading}</h4>
          {snapshot.services.length === 0 && <p className="muted">{t.noServices}</p>}
          {snapshot.services.map((s) => (
            <ServiceCard key={s.serviceName} service={s} locale={locale} scaling={snapshot.traffic?.scaling.find((v) => v.serviceName === s.serviceName)} />
          ))}
          <CapacitySection locale={locale} providers={snapshot.capacity} />
          <h4>{t.tasksHeading}</h4>
          {snapshot.tasks.length === 0 && <p className="muted">{t.noTasks}</p>}
          <ul className="console-tasks">
            {snapshot.tasks.map((task) => (
              <TaskRow key={task.taskArn} task={task} locale={locale} readOnly={!!view} onStop={busy ? undefined : () => stopTask(snapshot.cluster!, task.taskArn)} />
            ))}
          </ul>
        </>
      )}
      {snapshot && (snapshot.traffic || snapshot.clusters.length > 0) && <TrafficSection locale={locale} traffic={snapshot.traffic} />}
      {dialog}
    </details>
  );
}

function ServiceCard({ service, locale, scaling }: { service: ServiceView; locale: Locale; scaling?: ScalingView }) {
  const t = uiText(locale);
  const today = useToday();
  return (
    <section className="service-card" data-service={service.serviceName}>
      <p>
        <strong>{service.serviceName}</strong> <code>{service.taskDefinition}</code> {service.status} —{" "}
        {t.counts(service.desiredCount, service.runningCount, service.pendingCount)}
      </p>
      <p className="muted">{t.deploymentsHeading}</p>
      <ul>
        {service.deployments.map((d) => (
          <li key={d.id}>
            <code>{d.status}</code> {d.taskDefinition} {d.runningCount}/{d.desiredCount} {d.rolloutState}
            {d.rolloutStateReason && <span className="muted"> — {d.rolloutStateReason}</span>}
          </li>
        ))}
      </ul>
      <p className="muted">{t.eventsHeading}</p>
      {/* Scrolls in its own box: focusable, so that a keyboard can scroll it too. */}
      <div className="events" tabIndex={0} role="region" aria-label={`${service.serviceName}: ${t.eventsHeading}`}>
        <ol>
          {service.events.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.at).toISOString()}>{formatSimTime(e.at, locale, today)}</time> {e.message}
            </li>
          ))}
        </ol>
      </div>
      {scaling && <ScalingSection locale={locale} scaling={scaling} />}
    </section>
  );
}

/** One task; a task still meant to run has a Stop task button (a StopTask call of the learner's own, as if typed), unless read-only. */
function TaskRow({ task, locale, onStop, readOnly }: { task: TaskView; locale: Locale; onStop?: () => void; readOnly: boolean }) {
  const t = uiText(locale);
  const today = useToday();
  return (
    <li id={`task-${task.taskArn.split("/").pop()}`} data-task-status={task.lastStatus} data-task-group={task.group}>
      <code>{task.taskArn.split("/").pop()?.slice(0, 8)}</code> {task.taskDefinitionArn.split("/").pop()}{" "}
      <strong>{task.lastStatus}</strong>
      {task.desiredStatus !== "STOPPED" && !readOnly && (
        <>
          {" "}
          <button type="button" onClick={onStop} disabled={!onStop} aria-label={t.stopTaskNamed(task.taskArn.split("/").pop()!.slice(0, 8))}>
            {t.stopTask}
          </button>
        </>
      )}
      <span className="timeline-inline">
        {task.timeline.map((step) => (
          <span key={step.status}>
            {" "}
            → {step.status} {formatSimTime(step.at, locale, today)}
          </span>
        ))}
      </span>
      {task.stoppedReason && (
        <div className="muted">
          <StopFields task={task} />
        </div>
      )}
      {task.containers
        .filter((c) => c.exitCode !== undefined || c.reason)
        .map((c) => (
          <div key={c.name} className="muted">
            {c.name}: {t.exitCode} {c.exitCode ?? "—"} {c.reason}
          </div>
        ))}
    </li>
  );
}
