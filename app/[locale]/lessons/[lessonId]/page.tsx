import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonProse } from "@/components/lesson-prose";
import { Workspace } from "@/components/workspace/workspace";
import { getLesson } from "@/lib/content/lessons";
import { lessonProse } from "@/lib/content/prose";
import { isLocale } from "@/lib/i18n/locales";
import { lessonProgress } from "@/lib/progress/lesson-progress";
import { solutionOffered } from "@/lib/grading/policy";
import { requestLearner } from "@/app/_server/request-learner";
import { sandboxCredentials } from "@/app/_server/sandbox";

export async function generateMetadata({ params }: PageProps<"/[locale]/lessons/[lessonId]">): Promise<Metadata> {
  const { locale, lessonId } = await params;
  if (!isLocale(locale) || !(await getLesson(lessonId))) return {};
  const { frontmatter } = await lessonProse(lessonId, locale);
  return { title: frontmatter.title, description: frontmatter.summary };
}

export default async function LessonPage({ params }: PageProps<"/[locale]/lessons/[lessonId]">) {
  const { locale, lessonId } = await params;
  const lesson = isLocale(locale) ? await getLesson(lessonId) : undefined;
  if (!isLocale(locale) || !lesson) notFound();
  const learner = await requestLearner();
  const [prose, progress] = await Promise.all([
    lessonProse(lesson.id, locale),
    learner ? lessonProgress(learner.id, lesson.id) : null,
  ]);
  const offered = progress ? solutionOffered(progress) : false;
  return (
    <div className="lesson-layout">
      <div className="lesson-text">
        <p className="lesson-id">{lesson.id}</p>
        <h1>{prose.frontmatter.title}</h1>
        <LessonProse code={prose.code} locale={locale} />
      </div>
      <Workspace
        locale={locale}
        lessonId={lesson.id}
        fileName={lesson.fileName}
        starter={lesson.starter}
        initialText={progress?.editorText ?? lesson.starter}
        initialProgress={{
          failedChecks: progress?.failedChecks ?? 0,
          completed: progress?.completed ?? false,
        }}
        hints={lesson.hints[locale]}
        solution={offered ? lesson.solution : null}
        cluster={lesson.sandbox.cluster}
        editorMinLevel={lesson.editorMinLevel}
        credentials={learner ? sandboxCredentials(learner) : null}
      />
    </div>
  );
}
