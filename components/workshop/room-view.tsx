"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { mergeFrame, type RoomFrame } from "@/lib/workshop/room-frames";
import type { RoomSnapshot } from "@/lib/workshop/snapshot";
import { useConfirm } from "../confirm-dialog";
import { postJson } from "../workspace/api";
import { RoomCharts } from "./room-charts";

/**
 * The instructor's live room. The server renders the first snapshot; an EventSource on /api/workshops/{id}/events then
 * receives the whole room on connect and now and then, and the rows that changed after every change in between, which
 * the page merges (lib/workshop/room-frames.ts), so it never reloads. The browser's EventSource reconnects by itself
 * (and gets the whole room again); the badge says when it is doing so.
 */
export function RoomView({ locale, workshopId, initial, instructors, isOwner }: {
  locale: Locale;
  workshopId: string;
  initial: RoomSnapshot;
  instructors: { name: string; email: string; role: "owner" | "co" }[];
  /** The viewer owns the workshop: only they may remove co-instructors. */
  isOwner: boolean;
}) {
  const t = workshopText(locale);
  const [room, setRoom] = useState(initial);
  const [connected, setConnected] = useState(false);
  const [lessonOpen, setLessonOpen] = useState<string | null>(null);
  const { confirm, dialog } = useConfirm();
  const router = useRouter();

  useEffect(() => {
    const source = new EventSource(`/api/workshops/${workshopId}/events?lang=${locale}`);
    source.addEventListener("room", (event) => {
      const frame = (JSON.parse((event as MessageEvent).data) as { data: RoomFrame }).data;
      setRoom((room) => mergeFrame(room, frame));
      setConnected(true);
    });
    source.onerror = () => setConnected(false);
    // This account was removed from the workshop: reload, and the server shows why there is nothing to see.
    source.addEventListener("gone", () => {
      source.close();
      window.location.reload();
    });
    return () => source.close();
  }, [workshopId, locale]);

  const ended = room.workshop.endedAt !== null;
  const act = async (body: Record<string, unknown>) => postJson(`/api/workshops/${workshopId}/actions`, body, locale);
  const hands = room.rows.filter((r) => r.handRaisedAt).sort((a, b) => a.handRaisedAt!.localeCompare(b.handRaisedAt!));
  const lesson = room.lessons.find((l) => l.id === lessonOpen) ?? null;
  const lessonTitle = (id: string) => room.lessons.find((l) => l.id === id)?.title ?? id;

  return (
    <>
      {dialog}
      <p className="live-badge" data-testid="live" data-connected={connected ? "true" : "false"}>
        <span aria-hidden="true" className={connected ? "dot on" : "dot"} /> {connected ? t.live : t.reconnecting} ·{" "}
        {Object.entries(room.counts).map(([status, n]) => `${t.status[status]} ${n}`).join(" · ")}
      </p>
      {ended && (
        <p className="banner" role="status" data-testid="ended-note">
          {t.endedNote}
        </p>
      )}

      <section aria-labelledby="hands-heading" className="panel">
        <h2 id="hands-heading">{t.hands}</h2>
        {hands.length === 0 ? (
          <p data-testid="no-hands">{t.noHands}</p>
        ) : (
          <ul className="hands" data-testid="hands">
            {hands.map((h) => (
              <li key={h.participantId} data-testid={`hand-${h.displayName}`}>
                <span aria-hidden="true">✋</span> {h.displayName}{" "}
                {!ended && (
                  <button type="button" onClick={() => void act({ action: "lower-hand", participantId: h.participantId })}>
                    {t.lowerHand}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="grid-heading" className="panel">
        <h2 id="grid-heading">{t.grid}</h2>
        <p className="hint" data-testid="stuck-explained">
          {t.stuckExplained}
        </p>
        {lesson && (
          <button type="button" onClick={() => setLessonOpen(null)} data-testid="hide-checks">
            {t.hideChecks}
          </button>
        )}
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="grid-heading">
          <table className="room-grid" data-testid="grid">
            <caption className="visually-hidden">{t.gridCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.participant}</th>
                {lesson
                  ? lesson.checks.map((c) => (
                      <th scope="col" key={c.id}>
                        {c.title}
                      </th>
                    ))
                  : room.lessons.map((l) => (
                      <th scope="col" key={l.id}>
                        <button type="button" className="link-button" onClick={() => setLessonOpen(l.id)} aria-label={t.showChecks(`${l.id} ${l.title}`)} data-testid={`lesson-${l.id}`}>
                          {l.id}
                        </button>
                      </th>
                    ))}
              </tr>
            </thead>
            <tbody>
              {room.rows.map((r) => (
                <tr key={r.participantId} data-testid={`row-${r.displayName}`}>
                  <th scope="row">
                    <Link href={`/${locale}/workshops/${workshopId}/participants/${r.participantId}`} data-testid={`drill-${r.displayName}`}>
                      {r.displayName}
                    </Link>
                    {r.handRaisedAt && (
                      <span className="hand-flag" title={t.handUp}>
                        {" "}
                        ✋<span className="visually-hidden">{t.handUp}</span>
                      </span>
                    )}
                  </th>
                  {lesson
                    ? lesson.checks.map((c) => {
                        const result = r.cells[lesson.id]?.checks[c.id];
                        const status = result === true ? "done" : result === false ? "stuck-check" : "not-started";
                        return (
                          <td key={c.id} className={`cell cell-${status}`} data-testid={`check-${r.displayName}-${c.id}`} data-result={result === undefined ? "none" : String(result)}>
                            {result === true ? t.passed : result === false ? t.failed : "—"}
                          </td>
                        );
                      })
                    : room.lessons.map((l) => {
                        const cell = r.cells[l.id];
                        return (
                          <td key={l.id} className={`cell cell-${cell.status}`} data-testid={`cell-${r.displayName}-${l.id}`} data-status={cell.status}>
                            {t.status[cell.status]}
                            {cell.attempts > 0 && <span className="cell-attempts"> ({cell.attempts})</span>}
                          </td>
                        );
                      })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="heat-heading" className="panel">
        <h2 id="heat-heading">{t.heat}</h2>
        <p className="hint">{t.heatIntro}</p>
        {room.lessons.every((l) => (room.heat[l.id] ?? []).length === 0) ? (
          <p data-testid="heat-none">{t.heatNone}</p>
        ) : (
          room.lessons
            .filter((l) => (room.heat[l.id] ?? []).length > 0)
            .map((l) => (
              <div key={l.id} className="heat-lesson">
                <h3>
                  {l.id} {l.title}
                </h3>
                <div className="table-scroll">
                  <table className="heat" data-testid={`heat-${l.id}`}>
                    <thead>
                      <tr>
                        <th scope="col">{t.heatKind.check} / {t.heatKind.rule}</th>
                        <th scope="col">{t.heatParticipants}</th>
                        <th scope="col">{t.heatFailures}</th>
                        <th scope="col">{t.explain}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {room.heat[l.id].map((h) => {
                        const share = room.rows.length ? h.participants / room.rows.length : 0;
                        const title = h.kind === "check" ? (l.checks.find((c) => c.id === h.id)?.title ?? h.id) : h.id;
                        return (
                          <tr key={`${h.kind}:${h.id}`} data-testid={`heat-row-${h.id}`}>
                            <th scope="row">
                              <span className="heat-kind">{t.heatKind[h.kind]}</span> {title}
                            </th>
                            <td className="heat-count" style={{ ["--heat" as string]: share.toFixed(2) }} data-testid={`heat-participants-${h.id}`}>
                              {h.participants}
                            </td>
                            <td>{h.failures}</td>
                            <td>
                              <a href={h.kind === "rule" ? `/${locale}${h.docs ?? `/reference/rules#${h.id}`}` : `/${locale}/lessons/${l.id}`}>{t.explain}</a>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </div>
            ))
        )}
      </section>

      <RoomCharts locale={locale} charts={room.charts} lessonTitle={lessonTitle} />

      <section aria-labelledby="export-heading" className="panel">
        <h2 id="export-heading">{t.exportTitle}</h2>
        <p className="button-row">
          <a className="button-link" href={`/api/workshops/${workshopId}/export?format=csv&lang=${locale}`} download data-testid="export-csv">
            {t.exportCsv}
          </a>
          <a className="button-link" href={`/api/workshops/${workshopId}/export?format=json&lang=${locale}`} download data-testid="export-json">
            {t.exportJson}
          </a>
        </p>
      </section>

      {!ended && (
        <section aria-labelledby="actions-heading" className="panel">
          <h2 id="actions-heading">{t.actions}</h2>
          <p className="button-row">
            <button type="button" onClick={() => void act({ action: room.workshop.locked ? "unlock" : "lock" })} data-testid="lock">
              {room.workshop.locked ? t.unlock : t.lock}
            </button>
            <button
              type="button"
              data-testid="end"
              onClick={async () => {
                if (await confirm({ title: t.end, message: t.endConfirm, confirmLabel: t.end, cancelLabel: t.cancel })) await act({ action: "end" });
              }}
            >
              {t.end}
            </button>
          </p>
          <OneField locale={locale} label={t.broadcast} button={t.send} done={t.sent} maxLength={280} testId="broadcast" onSubmit={(message) => act({ action: "broadcast", message })} />
          <h3>{t.coInstructors}</h3>
          <ul className="instructors" data-testid="instructors">
            {instructors.map((i) => (
              <li key={i.email} data-testid={`instructor-${i.name}`}>
                {i.name} ({i.role === "owner" ? t.owner : t.coInstructor}){" "}
                {isOwner && i.role === "co" && (
                  <button
                    type="button"
                    aria-label={t.removeCo(i.name)}
                    data-testid={`remove-co-${i.name}`}
                    onClick={async () => {
                      if (!(await confirm({ title: t.removeCo(i.name), message: t.removeCoConfirm(i.name), confirmLabel: t.remove, cancelLabel: t.cancel }))) return;
                      await act({ action: "remove-instructor", who: i.email });
                      router.refresh();
                    }}
                  >
                    {t.remove}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <OneField locale={locale} label={t.addCo} button={t.add} done={t.coAdded} maxLength={200} testId="add-co" onSubmit={(who) => act({ action: "add-instructor", who })} />
        </section>
      )}
    </>
  );
}

/** A one-line form (message, co-instructor) that says what happened, or what went wrong, next to it. */
function OneField({ label, button, done, maxLength, testId, onSubmit }: { locale: Locale; label: string; button: string; done: string; maxLength: number; testId: string; onSubmit(value: string): Promise<unknown> }) {
  const id = useId();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem("value") as HTMLInputElement;
    try {
      await onSubmit(input.value);
      setNote({ ok: true, text: done });
      input.value = "";
    } catch (e) {
      setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <form onSubmit={submit} className="one-field" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <div className="one-field-row">
        <input id={id} name="value" required maxLength={maxLength} />
        <button type="submit">{button}</button>
      </div>
      <p role="status" className={note?.ok === false ? "form-error" : "hint"}>
        {note?.text}
      </p>
    </form>
  );
}
