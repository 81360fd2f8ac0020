import Link from "next/link";
import { notFound } from "next/navigation";
import { loadLessons } from "@/lib/content/lessons";
import { lessonFrontmatter } from "@/lib/content/prose";
import { isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { completedLessons } from "@/lib/progress/lesson-progress";
import { requestLearner } from "@/app/_server/request-learner";

export default async function Home({ params }: PageProps<"/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = uiText(locale);
  const learner = await requestLearner();
  const [lessons, done] = await Promise.all([
    loadLessons(),
    learner ? completedLessons(learner.id) : Promise.resolve(new Set<string>()),
  ]);
  const cards = await Promise.all(
    [...lessons.values()].map(async (lesson) => ({ lesson, meta: await lessonFrontmatter(lesson.id, locale) })),
  );
  return (
    <div className="home">
      <section className="hero">
        <h1>{t.siteName}</h1>
        <p className="tagline">{t.tagline}</p>
        <p>{t.homeIntro}</p>
      </section>
      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">{t.lessonsHeading}</h2>
        <ul className="lesson-list">
          {cards.map(({ lesson, meta }) => (
            <li key={lesson.id} className="lesson-card">
              <span className="lesson-id">{lesson.id}</span>
              <h3>
                <Link href={`/${locale}/lessons/${lesson.id}`}>{meta.title}</Link>
              </h3>
              <p>{meta.summary}</p>
              <p className="meta">
                {t.minutes(meta.minutes)} · {meta.exam.join(" · ")} ·{" "}
                <span data-status={done.has(lesson.id) ? "completed" : "open"}>
                  {done.has(lesson.id) ? t.completed : t.notStarted}
                </span>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
