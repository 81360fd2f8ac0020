import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScrollRegion } from "@/components/scroll-region";
import { courseCoverage } from "@/lib/course/coverage";
import { loadCourse } from "@/lib/course/load";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

export async function generateMetadata({ params }: PageProps<"/[locale]/coverage">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: uiText(locale).coverage } : {};
}

function LessonLinks({ ids, locale }: { ids: string[]; locale: Locale }) {
  if (ids.length === 0) return <span className="muted">{uiText(locale).notCoveredYet}</span>;
  return ids.map((id, i) => (
    <span key={id}>
      {i > 0 && ", "}
      <Link href={`/${locale}/lessons/${id}`}>{id}</Link>
    </span>
  ));
}

/** One coverage table: an id, what it stands for, and the lessons that teach it. */
function CoverageTable({ rows, what, locale, lang }: { rows: { id: string; text: string; lessons: string[] }[]; what: string; locale: Locale; lang?: string }) {
  const t = uiText(locale);
  return (
    <ScrollRegion className="table-scroll" label={what}>
      <table className="stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t.coverageId}</th>
            <th scope="col">{what}</th>
            <th scope="col">{t.coverageLessons}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} id={row.id}>
              <th scope="row">{row.id}</th>
              <td lang={lang} data-label={what}>
                {row.text}
              </td>
              <td data-label={t.coverageLessons}>
                <LessonLinks ids={row.lessons} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Seed checklist item → lessons and exam task statement → lessons, from the lessons' metadata (docs/coverage.md). */
export default async function CoveragePage({ params }: PageProps<"/[locale]/coverage">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = uiText(locale);
  const course = loadCourse();
  const coverage = courseCoverage(course);
  return (
    <div className="coverage">
      <nav aria-label={t.breadcrumb} className="breadcrumb">
        <Link href={`/${locale}`}>{t.courseHome}</Link>
      </nav>
      <h1>{t.coverage}</h1>
      <p>{t.coverageIntro}</p>
      <h2>{t.seedChecklist(coverage.seeds.length - coverage.uncoveredSeeds.length, coverage.seeds.length)}</h2>
      {course.seedChecklist.sections.map((section) => (
        <section key={section.id} aria-labelledby={`seeds-${section.id}`}>
          <h3 id={`seeds-${section.id}`}>
            {section.id}. {section.title[locale]}
          </h3>
          <CoverageTable
            rows={coverage.seeds.filter((seed) => seed.section === section.id).map((seed) => ({ id: seed.id, text: seed.concept[locale], lessons: seed.lessons }))}
            what={t.coverageConcept}
            locale={locale}
          />
        </section>
      ))}
      {Object.entries(coverage.statements).map(([exam, statements]) => (
        <section key={exam} aria-labelledby={`exam-${exam}`}>
          <h2 id={`exam-${exam}`}>{t.examStatements(exam, statements.filter((s) => s.lessons.length > 0).length, statements.length)}</h2>
          <CoverageTable rows={statements.map((s) => ({ id: s.code, text: s.statement, lessons: s.lessons }))} what={t.coverageStatement} locale={locale} lang="en" />
        </section>
      ))}
    </div>
  );
}
