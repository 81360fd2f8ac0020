"use client";

import { useEffect, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { formatDuration, formatSimTime, sandboxUiText } from "@/lib/i18n/sandbox-ui";
import type { Moved } from "@/lib/sandbox/moved";
import type { AdvanceResult } from "./api";
import { getJson } from "./api";
import { setClock, simulatedAt, useClockReading, useToday } from "./sandbox-events";

/** When the clock was last asked for: every answer that carries one keeps it current, and another tab may move it. */
let askedAt = 0;
const ASK_EVERY_MS = 30_000;

function askNow(locale: Locale) {
  if (Date.now() - askedAt < ASK_EVERY_MS) return;
  askedAt = Date.now();
  getJson<{ clock: Parameters<typeof setClock>[0] }>("/api/sandbox/clock", locale).then(
    ({ clock }) => setClock(clock),
    () => void (askedAt = 0),
  );
}

/**
 * The sandbox's simulated clock, ticking, and why it reads what it reads: the same as the learner's clock, or ahead
 * of it by exactly what they fast-forwarded (gateway/clock.ts).
 */
export function SandboxClockLine({ locale }: { locale: Locale }) {
  const t = sandboxUiText(locale);
  const reading = useClockReading();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => {
      setNow(Date.now());
      askNow(locale);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [locale]);
  if (!reading || now === null) return null;
  const clock = reading.clock;
  if (!clock) {
    return (
      <p className="muted sandbox-clock" data-testid="sandbox-clock">
        {t.clockNone}
      </p>
    );
  }
  const sim = simulatedAt(reading, now)!;
  const ahead = clock.simMs - clock.wallMs;
  // Under a second either way is the same instant, as far as a learner can tell.
  const explanation = Math.abs(ahead) < 1000 && clock.fastForwardedMs === 0 ? t.clockInStep : t.clockAhead(formatDuration(ahead, locale), formatDuration(clock.fastForwardedMs, locale));
  return (
    <p className="muted sandbox-clock" data-testid="sandbox-clock" data-sim-ms={Math.round(sim)} data-ahead-ms={Math.round(ahead)}>
      {t.clockLabel}: <time dateTime={new Date(sim).toISOString()}>{formatSimTime(sim, locale, now)}</time> — {explanation}
      {clock.speed !== 1 && t.clockSpeed(clock.speed)}
    </p>
  );
}

/** What one fast-forward moved, said once for screen readers (role=status) and kept in view until the next. */
export function MovedReport({ locale, result }: { locale: Locale; result: AdvanceResult }) {
  const t = sandboxUiText(locale);
  const now = useToday();
  const to = result.sandboxClock?.simMs;
  const from = result.from;
  return (
    <div role="status" className="moved" data-testid="moved">
      {from !== null && to !== undefined && (
        <p>{t.movedHeading(formatDuration(result.seconds * 1000, locale), formatSimTime(from, locale, now), formatSimTime(to, locale, now))}</p>
      )}
      {result.moved && <MovedList locale={locale} moved={result.moved} />}
    </div>
  );
}

function MovedList({ locale, moved }: { locale: Locale; moved: Moved }) {
  const t = sandboxUiText(locale);
  if (moved.tasks.length === 0 && moved.services.length === 0) return <p>{t.movedNothing}</p>;
  return (
    <ul>
      {moved.tasks.map((task) => (
        <li key={task.taskArn} data-moved-task={task.taskArn.split("/").pop()} data-to={task.to}>
          {t.movedTask(task.taskArn.split("/").pop()!.slice(0, 8), task.taskDefinition)} {[task.from ?? t.movedStarted, ...task.passed, task.to].join(" → ")}
        </li>
      ))}
      {moved.services.map((service) => (
        <li key={`${service.cluster}/${service.serviceName}`} data-moved-service={service.serviceName}>
          {t.movedService(service.serviceName)} {service.events.join(" / ")}
        </li>
      ))}
    </ul>
  );
}
