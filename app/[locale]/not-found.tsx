"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { isLocale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";

/**
 * The site's 404, inside the locale layout (header, `lang`). Not-found pages get no params as props; the client
 * hook reads the locale segment of the address, so /ja/… answers in Japanese.
 */
export default function NotFound() {
  const { locale: segment } = useParams<{ locale?: string }>();
  const locale = isLocale(segment) ? segment : "en";
  const t = uiText(locale);
  return (
    <div className="not-found">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <Link href={`/${locale}`}>{t.backHome}</Link>
    </div>
  );
}
