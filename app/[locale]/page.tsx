import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { LessonCard } from "@/components/course/lesson-card";
import { loadCourse } from "@/lib/course/load";
import { isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { courseProgress } from "@/lib/progress/lesson-progress";
import { requestLearner } from "@/app/_server/request-learner";
import { workshopIdOfLearner } from "@/lib/workshop/store";

/** The course home: modules with their lessons and the learner's progress; exam tracks filter the list. */
export default async function Home({ params, searchParams }: PageProps<"/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const { track: trackParam } = await searchParams;
  const t = uiText(locale);
  const course = loadCourse();
  const track = course.tracks.find((tr) => tr.id === trackParam);
  const learner = await requestLearner();
  // A workshop participant's home is their workshop's lessons; "?course" (the workshop page links it) shows the whole course.
  const query = await searchParams;
  if (learner && Object.keys(query).length === 0 && (await workshopIdOfLearner(learner.id))) redirect(`/${locale}/workshop`);
  const progress = learner ? await courseProgress(learner.id) : new Map();
  return (
    <div className="home">
      <section className="hero">
        <h1>{t.siteName}</h1>
        <p className="tagline">{t.tagline}</p>
        <p>{t.homeIntro}</p>
      </section>
      <nav aria-label={t.trackFilter} className="tracks">
        <span>{t.trackFilter}:</span>
        <Link href={`/${locale}`} aria-current={!track ? "page" : undefined}>
          {t.allTracks}
        </Link>
        {course.tracks.map((tr) => (
          <Link key={tr.id} href={`/${locale}?track=${tr.id}`} aria-current={track?.id === tr.id ? "page" : undefined} title={tr.title[locale]}>
            {tr.id}
          </Link>
        ))}
        <Link href={`/${locale}/glossary`}>{t.glossary}</Link>
        <Link href={`/${locale}/coverage`}>{t.coverage}</Link>
      </nav>
      {track && <p className="track-summary">{track.title[locale]} — {track.summary[locale]}</p>}
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading">{t.modulesHeading}</h2>
        {course.modules.map((mod) => {
          const ids = mod.lessonIds.filter((id) => !track || track.lessons.includes(id));
          if (ids.length === 0) return null;
          const done = ids.filter((id) => progress.get(id)?.completed).length;
          return (
            <section key={mod.id} className="module" data-module={mod.id} aria-labelledby={`module-${mod.id}`}>
              <h3 id={`module-${mod.id}`}>
                <Link href={`/${locale}/modules/${mod.id}`}>
                  {mod.id} · {mod.title[locale]}
                </Link>
              </h3>
              <p className="meta">
                <span data-testid={`module-progress-${mod.id}`}>{t.moduleProgress(done, ids.length)}</span>
              </p>
              <ul className="lesson-list">
                {ids.map((id) => {
                  const lesson = course.lessons.get(id)!;
                  return <LessonCard key={id} lesson={lesson} locale={locale} completed={Boolean(progress.get(id)?.completed)} extra={lesson.exam.join(" · ")} />;
                })}
              </ul>
            </section>
          );
        })}
      </section>
    </div>
  );
}
