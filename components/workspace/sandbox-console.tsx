"use client";

import { useCallback, useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import type { ServiceView, TaskView } from "@/lib/sandbox-view";
import { advanceClock, getJson, postJson } from "./api";

const POLL_MS = 2000;

interface Snapshot {
  clusters: { clusterName: string; status: string; runningTasksCount: number; pendingTasksCount: number }[];
  cluster: string | null;
  services: ServiceView[];
  tasks: TaskView[];
}

/** Clusters → services → tasks of the learner's sandbox, with deployments, events and fast-forward. */
export function SandboxConsole({ locale, initialCluster }: { locale: Locale; initialCluster?: string }) {
  const t = uiText(locale);
  const [open, setOpen] = useState(false);
  const [cluster, setCluster] = useState<string | null>(initialCluster ?? null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const query = cluster ? `?${new URLSearchParams({ cluster })}` : "";
      setSnapshot(await getJson<Snapshot>(`/api/sandbox/console${query}`, locale));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : t.requestFailed);
    }
  }, [cluster, locale, t.requestFailed]);

  useEffect(() => {
    if (!open) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => refresh().finally(() => (timer = setTimeout(tick, POLL_MS)));
    tick();
    return () => clearTimeout(timer);
  }, [open, refresh]);

  async function stopTask(inCluster: string, taskArn: string) {
    setBusy(true);
    try {
      await postJson("/api/sandbox/stop", { cluster: inCluster, task: taskArn }, locale);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : t.requestFailed);
    } finally {
      setBusy(false);
    }
  }

  async function fastForward(seconds: number) {
    setBusy(true);
    try {
      await advanceClock(seconds, locale);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : t.requestFailed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="console" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="sandbox-console">
      <summary>{t.consoleHeading}</summary>
      <p className="muted">{t.consoleExplain}</p>
      <div className="actions">
        <button type="button" onClick={() => refresh()} disabled={busy}>
          {t.refresh}
        </button>
        <button type="button" onClick={() => fastForward(30)} disabled={busy}>
          {t.fastForward}
        </button>
        <button type="button" onClick={() => fastForward(300)} disabled={busy}>
          {t.fastForward5m}
        </button>
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
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {snapshot && !snapshot.cluster && <p className="muted">{t.noClusters}</p>}
      {snapshot?.cluster && (
        <>
          <h4>{t.servicesHeading}</h4>
          {snapshot.services.length === 0 && <p className="muted">{t.noServices}</p>}
          {snapshot.services.map((s) => (
            <ServiceCard key={s.serviceName} service={s} locale={locale} />
          ))}
          <h4>{t.tasksHeading}</h4>
          {snapshot.tasks.length === 0 && <p className="muted">{t.noTasks}</p>}
          <ul className="console-tasks">
            {snapshot.tasks.map((task) => (
              <TaskRow key={task.taskArn} task={task} locale={locale} onStop={busy ? undefined : () => stopTask(snapshot.cluster!, task.taskArn)} />
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

function ServiceCard({ service, locale }: { service: ServiceView; locale: Locale }) {
  const t = uiText(locale);
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
      <ol className="events">
        {service.events.map((e) => (
          <li key={e.id}>
            <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleTimeString(locale)}</time> {e.message}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One task; a task still meant to run has a Stop task button (a StopTask call of the learner's own, as if typed). */
function TaskRow({ task, locale, onStop }: { task: TaskView; locale: Locale; onStop?: () => void }) {
  const t = uiText(locale);
  return (
    <li data-task-status={task.lastStatus} data-task-group={task.group}>
      <code>{task.taskArn.split("/").pop()?.slice(0, 8)}</code> {task.taskDefinitionArn.split("/").pop()}{" "}
      <strong>{task.lastStatus}</strong>
      {task.desiredStatus !== "STOPPED" && (
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
            → {step.status} {new Date(step.at).toLocaleTimeString(locale)}
          </span>
        ))}
      </span>
      {task.stoppedReason && (
        <div className="muted">
          <code>{task.stopCode}</code> {task.stoppedReason}
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
