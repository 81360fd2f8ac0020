import { loadQuestionBank } from "@/lib/exam/bank";
import { bankToGift } from "@/lib/exam/exchange/gift";
import { bankToMoodleXml } from "@/lib/exam/exchange/moodle-xml";
import { isLocale } from "@/lib/i18n/locales";
import { examUiText } from "@/lib/i18n/exam-ui";
import { problem } from "@/app/_server/http";
import { examOf } from "@/app/_server/exam-request";

const FORMATS = {
  gift: { write: bankToGift, type: "text/plain; charset=utf-8", extension: "gift" },
  moodle: { write: bankToMoodleXml, type: "application/xml; charset=utf-8", extension: "xml" },
} as const;

/**
 * The question bank as a file for an LMS: GET ?format=gift|moodle&locale=en|ja[&exam=SAA-C03]. The questions are the
 * site's public content, so no learner is needed; nothing changes, so no CSRF token either.
 */
export function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const locale = query.get("locale") ?? "en";
  const t = examUiText(isLocale(locale) ? locale : "en");
  const format = FORMATS[query.get("format") as keyof typeof FORMATS];
  const examParam = query.get("exam");
  const exam = examParam === null ? undefined : examOf(examParam);
  if (!format || !isLocale(locale) || (examParam !== null && !exam)) return problem(400, t.exportBadRequest);
  const body = format.write(loadQuestionBank().questions, locale, exam);
  const name = `ecs-dojo-${exam ?? "all"}-${locale}.${format.extension}`;
  return new Response(body, {
    headers: { "content-type": format.type, "content-disposition": `attachment; filename="${name}"`, "cache-control": "public, max-age=300" },
  });
}
