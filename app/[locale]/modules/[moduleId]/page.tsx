import Link from "next/link";
import { notFound } from "next/navigation";
import { LessonCard } from "@/components/course/lesson-card";
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
          return <LessonCard key={id} lesson={lesson} locale={locale} completed={Boolean(progress.get(id)?.completed)} extra={t.checksProgress(passed, lesson.checks.length)} />;
        })}
      </ol>
    </div>
  );
}
