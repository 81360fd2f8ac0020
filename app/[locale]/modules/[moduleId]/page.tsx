import Link from "next/link";
import { notFound } from "next/navigation";
import { loadCourse } from "@/lib/course/load";
import { isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { courseProgress } from "@/lib/progress/lesson-progress";
import { requestLearner } from "@/app/_server/request-learner";

/** One module: its lessons, with progress per lesson and per check. */
export default async function ModulePage({ params }: PageProps<"/[locale]/modules/[moduleId]">) {
  const { locale, moduleId } = await params;
  const course = loadCourse();
  const mod = course.modules.find((m) => m.id === moduleId);
  if (!isLocale(locale) || !mod) notFound();
  const t = uiText(locale);
  const learner = await requestLearner();
  const progress = learner ? await courseProgress(learner.id) : new Map();
  const done = mod.lessonIds.filter((id) => progress.get(id)?.completed).length;
  return (
    <div className="module-page">
      <nav aria-label={t.breadcrumb} className="breadcrumb">
        <Link href={`/${locale}`}>{t.courseHome}</Link>
      </nav>
      <h1>
        {mod.id} · {mod.title[locale]}
      </h1>
      <p>{mod.summary[locale]}</p>
      <p data-testid="module-progress">{t.moduleProgress(done, mod.lessonIds.length)}</p>
      <ol className="lesson-list">
        {mod.lessonIds.map((id) => {
          const lesson = course.lessons.get(id)!;
          const results = progress.get(id)?.checkResults ?? {};
          const passed = lesson.checks.filter((c) => results[c.id]).length;
          return (
            <li key={id} className="lesson-card" data-lesson={id}>
              <span className="lesson-id">{id}</span>
              <h2>
                <Link href={`/${locale}/lessons/${id}`}>{lesson.meta[locale].title}</Link>
              </h2>
              <p>{lesson.meta[locale].summary}</p>
              <p className="meta">
                {t.minutes(lesson.meta[locale].minutes)} · {t.checksProgress(passed, lesson.checks.length)} ·{" "}
                <span data-status={progress.get(id)?.completed ? "completed" : "open"}>{progress.get(id)?.completed ? t.completed : t.notStarted}</span>
              </p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
