import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { workshopPage } from "@/app/_server/workshop-page";
import { ResetLesson } from "@/components/workshop/reset-lesson";
import { SandboxConsole } from "@/components/workspace/sandbox-console";
import { isLocale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { participantIn, participantWork } from "@/lib/workshop/store";

export async function generateMetadata({ params }: PageProps<"/[locale]/workshops/[id]/participants/[participantId]">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: workshopText(locale).drill } : {};
}

interface StoredCheck {
  id?: string;
  passed?: boolean;
  title?: string;
}

/** One participant, read-only: current files, attempts with their results, and their sandbox as the console shows it. */
export default async function ParticipantDrillDown({ params }: PageProps<"/[locale]/workshops/[id]/participants/[participantId]">) {
  const { locale, id, participantId } = await params;
  if (!isLocale(locale)) notFound();
  const { workshop } = await workshopPage(id);
  const participant = await participantIn(workshop.id, participantId);
  if (!participant) notFound();
  const t = workshopText(locale);
  const { files, attempts } = await participantWork(participant.learnerId, workshop.lessonIds);
  const dateTime = (d: Date) => d.toLocaleString(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", second: "2-digit" }) + " UTC";
  return (
    <div className="workshop-page">
      <p>
        <Link href={`/${locale}/workshops/${workshop.id}`}>← {workshop.title}</Link>
      </p>
      <h1 data-testid="drill-heading">{t.drillTitle(participant.displayName)}</h1>
      <section aria-labelledby="attempts-heading" className="panel">
        <h2 id="attempts-heading">{t.attempts}</h2>
        {attempts.length === 0 ? (
          <p>{t.noAttempts}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="attempts">
              <thead>
                <tr>
                  <th scope="col">{t.time}</th>
                  <th scope="col">{t.lesson}</th>
                  <th scope="col">{t.status.done}</th>
                  <th scope="col">{t.failedChecksList}</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a, i) => {
                  const failed = (Array.isArray(a.checks) ? (a.checks as StoredCheck[]) : []).filter((c) => c.passed === false);
                  return (
                    <tr key={i} data-testid="attempt" data-passed={String(a.passed)}>
                      <td>{dateTime(a.createdAt)}</td>
                      <td>{a.lessonId}</td>
                      <td>{a.passed ? t.passed : t.failed}</td>
                      <td>{failed.map((c) => c.title ?? c.id).join("; ") || "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="files-heading" className="panel">
        <h2 id="files-heading">{t.files}</h2>
        {files.length === 0 ? (
          <p>{t.noFiles}</p>
        ) : (
          files.map((f) => (
            <figure key={`${f.lessonId}/${f.name}`} className="drill-file">
              <figcaption>
                {f.lessonId} / {f.name}
              </figcaption>
              <pre tabIndex={0} data-testid={`file-${f.lessonId}-${f.name}`}>{f.text}</pre>
            </figure>
          ))
        )}
        {!workshop.endedAt && <ResetLesson locale={locale} workshopId={workshop.id} participantId={participant.id} lessons={workshop.lessonIds} />}
      </section>
      <section aria-label={t.console} className="panel">
        <SandboxConsole
          locale={locale}
          view={{
            source: `/api/workshops/${workshop.id}/participants/${participant.id}/console`,
            heading: t.console,
            explain: t.consoleReadOnly(participant.displayName),
            empty: t.consoleEmpty,
          }}
        />
      </section>
    </div>
  );
}
