import Link from "next/link";
import type { ReactNode } from "react";
import type { Lesson } from "@/lib/course/load";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

/** A lesson in a list (course home, module page): title, summary, minutes, `extra` facts and the learner's state. */
export function LessonCard({ lesson, locale, completed, extra }: { lesson: Lesson; locale: Locale; completed: boolean; extra: ReactNode }) {
  const t = uiText(locale);
  return (
    <li className="lesson-card" data-lesson={lesson.id}>
      <span className="lesson-id">{lesson.id}</span>
      <h3>
        <Link href={`/${locale}/lessons/${lesson.id}`}>{lesson.meta[locale].title}</Link>
      </h3>
      <p>{lesson.meta[locale].summary}</p>
      <p className="meta">
        {t.minutes(lesson.meta[locale].minutes)} · {extra} ·{" "}
        <span data-status={completed ? "completed" : "open"}>{completed ? t.completed : t.notStarted}</span>
      </p>
    </li>
  );
}
