import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EXAM_IDS } from "@/lib/course/schema";
import { loadQuestionBank } from "@/lib/exam/bank";
import { examDomains } from "@/lib/exam/domain-titles";
import { questionsFor } from "@/lib/exam/practice";
import { examUiText } from "@/lib/i18n/exam-ui";
import { isLocale, LOCALES } from "@/lib/i18n/locales";

export async function generateMetadata({ params }: PageProps<"/[locale]/exam">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: examUiText(locale).homeTitle } : {};
}

/** The exam-practice home: choose one of the four exams. */
export default async function ExamHome({ params }: PageProps<"/[locale]/exam">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = examUiText(locale);
  const bank = loadQuestionBank();
  return (
    <div className="exam-page">
      <h1>{t.homeTitle}</h1>
      <p>{t.homeIntro}</p>
      <h2>{t.chooseExam}</h2>
      <ul className="exam-list">
        {EXAM_IDS.map((exam) => (
          <li key={exam} className="exam-card" data-exam={exam}>
            <h3>
              <Link href={`/${locale}/exam/${exam}`}>{t.examTitle(exam, t.examNames[exam])}</Link>
            </h3>
            <p className="meta">
              {t.questionCount(questionsFor(bank, exam).length)} · {examDomains(exam).map((d) => t.domain(d)).join(" · ")}
            </p>
          </li>
        ))}
      </ul>
      <h2>{t.exportHeading}</h2>
      <p>{t.exportIntro}</p>
      <ul className="exam-export">
        {EXAM_IDS.map((exam) => (
          <li key={exam}>
            {exam}:{" "}
            {(["gift", "moodle"] as const).flatMap((format) =>
              LOCALES.map((language) => (
                <a key={`${format}-${language}`} href={`/api/exam/export?format=${format}&locale=${language}&exam=${exam}`} download>
                  {format === "gift" ? "GIFT" : "Moodle XML"} ({t.languageNames[language]})
                </a>
              )),
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
