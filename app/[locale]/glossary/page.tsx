import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScrollRegion } from "@/components/scroll-region";
import { loadCourse } from "@/lib/course/load";
import { isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

export async function generateMetadata({ params }: PageProps<"/[locale]/glossary">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: uiText(locale).glossary } : {};
}

/** The ja/en glossary (curriculum §7); lessons link to a term with /glossary#<id>. */
export default async function GlossaryPage({ params }: PageProps<"/[locale]/glossary">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = uiText(locale);
  const { glossary } = loadCourse();
  return (
    <div className="glossary">
      <nav aria-label={t.breadcrumb} className="breadcrumb">
        <Link href={`/${locale}`}>{t.courseHome}</Link>
      </nav>
      <h1>{t.glossary}</h1>
      <p>{t.glossaryIntro}</p>
      <ScrollRegion className="table-scroll" label={t.glossary}>
        <table className="stack-on-phone">
          <thead>
            <tr>
              <th scope="col">{t.glossaryTerm}</th>
              <th scope="col">{t.glossaryApi}</th>
              <th scope="col">{t.glossaryDefinition}</th>
            </tr>
          </thead>
          <tbody>
            {glossary.map((term) => (
              <tr key={term.id} id={term.id}>
                <th scope="row">
                  <span lang="ja">{term.ja}</span>
                  {term.unconfirmed && <abbr title={t.unconfirmed}> ‡</abbr>}
                  <br />
                  <span lang="en">{term.en}</span>
                  {term.variants && <span className="muted"> ({term.variants.join(" / ")})</span>}
                </th>
                <td data-label={t.glossaryApi}>{term.api && <code>{term.api}</code>}</td>
                <td data-label={t.glossaryDefinition}>{term.definition[locale]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
