import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requestLearner } from "@/app/_server/request-learner";
import { ParticipantLive } from "@/components/workshop/participant-live";
import { courseProgress } from "@/lib/progress/lesson-progress";
import { isLocale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { lessonInfo } from "@/lib/workshop/snapshot";
import { broadcastsOf, participantOfLearner } from "@/lib/workshop/store";

export async function generateMetadata({ params }: PageProps<"/[locale]/workshop">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: workshopText(locale).workshops } : {};
}

/** A participant's home: their workshop's lessons with their own progress, the instructor's messages, the raise-hand button. */
export default async function ParticipantHome({ params }: PageProps<"/[locale]/workshop">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = workshopText(locale);
  const learner = await requestLearner();
  const participant = learner ? await participantOfLearner(learner.id) : null;
  if (!learner || !participant) {
    return (
      <div className="workshop-page">
        <h1>{t.workshops}</h1>
        <p data-testid="not-participant">{t.notParticipant}</p>
        <Link className="button-link" href={`/${locale}/join`}>
          {t.joinOne}
        </Link>
      </div>
    );
  }
  const { workshop } = participant;
  const progress = await courseProgress(learner.id);
  const lessons = lessonInfo(workshop.lessonIds, locale);
  const broadcasts = (await broadcastsOf(workshop.id)).map((b) => ({ id: b.id, message: b.message, at: b.createdAt.toISOString() }));
  return (
    <div className="workshop-page">
      <h1 data-testid="participant-workshop">{workshop.title}</h1>
      <p data-testid="welcome">{t.welcome(participant.displayName)}</p>
      <ParticipantLive
        locale={locale}
        initial={{ handRaised: participant.handRaisedAt !== null, endedAt: workshop.endedAt?.toISOString() ?? null, broadcasts }}
      />
      <section aria-labelledby="lessons-heading" className="panel">
        <h2 id="lessons-heading">{t.yourLessons}</h2>
        <ol className="workshop-lessons" data-testid="workshop-lessons">
          {lessons.map((l) => {
            const p = progress.get(l.id);
            const status = p?.completed ? "done" : p ? "working" : "not-started";
            return (
              <li key={l.id}>
                <Link href={`/${locale}/lessons/${l.id}`} data-testid={`go-${l.id}`}>
                  {l.id} {l.title}
                </Link>{" "}
                <span className={`pill pill-${status}`}>{t.status[status]}</span>
              </li>
            );
          })}
        </ol>
        <p>
          <Link href={`/${locale}?course`}>{t.wholeCourse}</Link>
        </p>
      </section>
    </div>
  );
}
