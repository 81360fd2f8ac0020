import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { instructorPage } from "@/app/_server/workshop-page";
import { NewWorkshopForm } from "@/components/workshop/new-workshop-form";
import { loadCourse } from "@/lib/course/load";
import { isLocale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { displayJoinCode } from "@/lib/workshop/join-code";
import { workshopsOf } from "@/lib/workshop/store";
import { db } from "@/lib/progress/db";

export async function generateMetadata({ params }: PageProps<"/[locale]/workshops">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: workshopText(locale).workshops } : {};
}

/** An instructor's workshops and the form to create one. Anyone else: 403. */
export default async function WorkshopsPage({ params }: PageProps<"/[locale]/workshops">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const viewer = await instructorPage();
  const t = workshopText(locale);
  const list = await workshopsOf(viewer);
  const counts = new Map(
    (await db().workshopParticipant.groupBy({ by: ["workshopId"], _count: { _all: true }, where: { workshopId: { in: list.map((w) => w.id) } } })).map((g) => [g.workshopId, g._count._all]),
  );
  const course = loadCourse();
  const lessons = course.modules.flatMap((m) => m.lessonIds.map((id) => ({ id, title: course.lessons.get(id)?.meta[locale]?.title ?? id })));
  const tracks = course.tracks.map((tr) => ({ id: tr.id, title: tr.title[locale] }));
  return (
    <div className="workshop-page">
      <h1>{t.workshops}</h1>
      <p>{t.workshopsIntro}</p>
      <section aria-labelledby="mine" className="panel">
        <h2 id="mine">{t.yourWorkshops}</h2>
        {list.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="workshop-list" data-testid="workshop-list">
            {list.map((w) => (
              <li key={w.id}>
                <Link href={`/${locale}/workshops/${w.id}`}>{w.title}</Link> — <span className="join-code-inline">{displayJoinCode(w.joinCode)}</span> ·{" "}
                {t.participantsCount(counts.get(w.id) ?? 0)} · {w.endedAt ? t.ended : w.locked ? t.locked : t.open}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new" className="panel">
        <h2 id="new">{t.newWorkshop}</h2>
        <NewWorkshopForm locale={locale} lessons={lessons} tracks={tracks} />
      </section>
    </div>
  );
}
