import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LessonProse } from "@/components/lesson-prose";
import { Workspace } from "@/components/workspace/workspace";
import { getLesson, loadCourse } from "@/lib/course/load";
import { lessonProse } from "@/lib/course/prose";
import { loadVerified } from "@/lib/course/verify";
import { solutionOffered } from "@/lib/course/grading/policy";
import { isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { examUiText } from "@/lib/i18n/exam-ui";
import { lastCheckResults, lessonProgress } from "@/lib/progress/lesson-progress";
import { requestLearner } from "@/app/_server/request-learner";

export async function generateMetadata({ params }: PageProps<"/[locale]/lessons/[lessonId]">): Promise<Metadata> {
  const { locale, lessonId } = await params;
  const lesson = isLocale(locale) ? getLesson(lessonId) : undefined;
  if (!isLocale(locale) || !lesson) return {};
  return { title: lesson.meta[locale].title, description: lesson.meta[locale].summary };
}

export default async function LessonPage({ params, searchParams }: PageProps<"/[locale]/lessons/[lessonId]">) {
  const { locale, lessonId } = await params;
  const { try: tryParam } = await searchParams;
  const lesson = isLocale(locale) ? getLesson(lessonId) : undefined;
  if (!isLocale(locale) || !lesson) notFound();
  const t = uiText(locale);
  const course = loadCourse();
  const ids = [...course.lessons.keys()];
  const at = ids.indexOf(lesson.id);
  const [previous, next] = [course.lessons.get(ids[at - 1]), course.lessons.get(ids[at + 1])];
  const learner = await requestLearner();
  const [code, progress, lastCheck] = await Promise.all([
    lessonProse(lesson, locale),
    learner ? lessonProgress(learner.id, lesson.id) : null,
    learner ? lastCheckResults(learner.id, lesson.id) : null,
  ]);
  const offered = progress ? solutionOffered(progress) : false;
  const verified = loadVerified()[lesson.id];
  const quiz = lesson.quiz?.questions.map((q) => ({
    id: q.id,
    multiple: q.multiple,
    prompt: q.prompt[locale],
    options: q.options.map((o) => ({ id: o.id, text: o.text[locale] })),
  }));
  // Opened from an exam question's "try it" link (lib/exam/views.ts): name the mistake to make at the exercise.
  const tryMistake = typeof tryParam === "string" ? lesson.mistakes.find((m) => m.id === tryParam) : undefined;
  const tryIt = tryMistake && { heading: examUiText(locale).tryItHeading, body: examUiText(locale).tryItBody(tryMistake.about[locale]) };
  const lessonModule = course.modules.find((m) => m.id === lesson.moduleId)!;
  return (
    <div className="lesson-layout">
      <div className="lesson-text">
        <nav aria-label={t.breadcrumb} className="breadcrumb">
          <Link href={`/${locale}`}>{t.courseHome}</Link> › <Link href={`/${locale}/modules/${lessonModule.id}`}>{lessonModule.title[locale]}</Link>
        </nav>
        <p className="lesson-id">
          {lesson.id} · {t.minutes(lesson.meta[locale].minutes)}
          {lesson.exam.length > 0 && ` · ${lesson.exam.join(" · ")}`}
        </p>
        <h1>{lesson.meta[locale].title}</h1>
        {/* Past the prose in one step: by keyboard, and on a phone, where the exercise comes after the prose. */}
        <a className="to-exercise" href="#exercise-heading">
          {t.goToExercise} ↓
        </a>
        <p className="verified" data-testid="verified">
          {verified && verified.contentHash === lesson.contentHash ? t.verified(verified.commit, verified.date) : t.notVerified}
        </p>
        {lesson.prerequisites.length > 0 && (
          <p className="prerequisites">
            {t.prerequisites}:{" "}
            {lesson.prerequisites.map((id, i) => (
              <span key={id}>
                {i > 0 && ", "}
                {course.lessons.has(id) ? <Link href={`/${locale}/lessons/${id}`}>{id} {course.lessons.get(id)!.meta[locale].title}</Link> : `${id} (${t.comingLater})`}
              </span>
            ))}
          </p>
        )}
        <LessonProse code={code} locale={locale} />
        <nav aria-label={t.lessonNavigation} className="pager">
          {previous ? <Link href={`/${locale}/lessons/${previous.id}`} rel="prev">← {previous.id} {previous.meta[locale].title}</Link> : <span />}
          {next ? <Link href={`/${locale}/lessons/${next.id}`} rel="next">{next.id} {next.meta[locale].title} →</Link> : <span />}
        </nav>
      </div>
      <Workspace
        locale={locale}
        lessonId={lesson.id}
        files={lesson.files.map((f) => ({ name: f.name, kind: f.kind, readOnly: f.readOnly, starter: f.starter, text: f.readOnly ? f.starter : (progress?.files[f.name] ?? f.starter) }))}
        quiz={quiz ?? null}
        initialAnswers={progress?.answers ?? {}}
        initialProgress={{ failedChecks: progress?.failedChecks ?? 0, completed: progress?.completed ?? false }}
        initialChecks={progress?.checkResults ?? {}}
        lastCheck={
          lastCheck && {
            at: lastCheck.at.toISOString(),
            // Titles and hints in the page's language; what was seen, as the Check said it.
            checks: lesson.checks.flatMap((c) => {
              const seen = lastCheck.checks.find((r) => r.id === c.id);
              if (!seen) return [];
              const question = c.kind === "quiz" ? String(c.question) : undefined;
              return [{ id: c.id, title: c.title[locale], passed: seen.passed, detail: seen.detail, hint: seen.passed ? undefined : c.hint?.[locale], question }];
            }),
          }
        }
        lastRuns={Object.fromEntries(
          Object.entries(progress?.runs ?? {}).flatMap(([index, run]) => (run.taskArn ? [[Number(index), { cluster: run.cluster, taskArn: run.taskArn }]] : [])),
        )}
        next={next ? { href: `/${locale}/lessons/${next.id}`, label: `${next.id} ${next.meta[locale].title}` } : null}
        courseHref={`/${locale}`}
        checkTitles={Object.fromEntries(lesson.checks.map((c) => [c.id, c.title[locale]]))}
        hints={lesson.hints.tiers[locale]}
        ruleHints={Object.fromEntries(Object.entries(lesson.hints.rules).map(([id, text]) => [id, text[locale]]))}
        solution={offered ? Object.fromEntries(lesson.files.map((f) => [f.name, f.solution])) : null}
        actions={lesson.actions}
        hasScenario={Boolean(lesson.scenario)}
        tryIt={tryIt}
        exerciseStarted={Boolean(progress?.exerciseStartedAt)}
        cluster={lesson.cluster ?? lesson.actions[0]?.cluster ?? "dojo"}
        editorMinLevel={lesson.editorMinLevel}
      />
    </div>
  );
}
