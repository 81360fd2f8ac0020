"use client";

import type { Locale } from "@/lib/i18n/locales";
import { consoleUiText } from "@/lib/i18n/console-ui";
import { formatSimTime } from "@/lib/i18n/sandbox-ui";
import type { ScalingView } from "@/lib/sandbox/console-scaling";
import { useToday } from "./sandbox-events";
import { TimeChart, type ChartSeries } from "./time-chart";

/** A service's Service Auto Scaling in its console card: bounds, policies, alarms, activities and the counts over time. */
export function ScalingSection({ locale, scaling }: { locale: Locale; scaling: ScalingView }) {
  const c = consoleUiText(locale);
  const today = useToday();
  const time = (ms: number) => <time dateTime={new Date(ms).toISOString()}>{formatSimTime(ms, locale, today)}</time>;
  return (
    <div className="console-scaling" data-testid="console-scaling" data-service={scaling.serviceName}>
      <p>
        <strong>{c.scalingHeading}</strong> <span className="muted">{c.scalableTarget(scaling.minCapacity, scaling.maxCapacity)}</span>
        {scaling.suspended.length > 0 && <span className="muted"> {c.suspended(scaling.suspended.join(", "))}</span>}
      </p>
      {scaling.policies.length > 0 && (
        <>
          <p className="muted">{c.policiesHeading}</p>
          <ul>
            {scaling.policies.map((p) => (
              <li key={p.name}>
                <strong>{p.name}</strong> <code>{p.type}</code> <span className="muted wrap-anywhere">{p.settings.join(", ")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {scaling.alarms.length > 0 && (
        <>
          <p className="muted">{c.alarmsHeading}</p>
          <ul data-testid="scaling-alarms">
            {scaling.alarms.map((a) => (
              <li key={a.name} data-alarm-state={a.state}>
                <code className="wrap-anywhere">{a.name}</code> <strong>{a.state}</strong> {time(a.updatedAt)}
                <div className="muted">{a.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">{c.activitiesHeading}</p>
      {scaling.activities.length === 0 ? (
        <p className="muted">{c.noActivities}</p>
      ) : (
        <ol className="activities" data-testid="scaling-activities">
          {scaling.activities.map((a) => (
            <li key={a.id} data-status={a.statusCode}>
              {time(a.startAt)} <strong>{a.description}</strong>
              <div className="muted">
                {c.cause}: {a.cause}
              </div>
              <div className="muted">
                {c.status}: <code>{a.statusCode}</code> {a.statusMessage}
              </div>
            </li>
          ))}
        </ol>
      )}
      <ScalingChart locale={locale} scaling={scaling} />
    </div>
  );
}

function ScalingChart({ locale, scaling }: { locale: Locale; scaling: ScalingView }) {
  const c = consoleUiText(locale);
  const today = useToday();
  const { times, desired, running, cpu } = scaling.chart;
  if (times.length === 0) return <p className="muted">{c.noMinuteYet}</p>;
  const last = times.length - 1;
  const series: ChartSeries[] = [
    { label: c.desired, values: desired, scale: "count" },
    { label: c.running, values: running, scale: "count" },
    { label: c.cpu, values: cpu, scale: "percent" },
  ];
  const summary = c.scalingSummary(
    formatSimTime(times[last], locale, today),
    desired[last] === null ? c.unknown : String(desired[last]),
    running[last],
    cpu[last] === null ? c.noData : `${cpu[last]!.toLocaleString(locale)} %`,
  );
  const format = (value: number | null, s: ChartSeries) => (value === null ? "—" : s.scale === "percent" ? `${value.toLocaleString(locale)} %` : value.toLocaleString(locale));
  return (
    <>
      <TimeChart locale={locale} title={c.scalingTitle} summary={summary} times={times} series={series} format={format} testId={`scaling-chart-${scaling.serviceName}`} />
      {desired.includes(null) && <p className="muted">{c.unknownDesired}</p>}
    </>
  );
}
