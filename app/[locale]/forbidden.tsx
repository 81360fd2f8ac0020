"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { isLocale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";

/** The site's 403 (instructor pages for anyone else), in the language of the address, with what to do. */
export default function Forbidden() {
  const { locale: segment } = useParams<{ locale?: string }>();
  const locale = isLocale(segment) ? segment : "en";
  const t = workshopText(locale);
  return (
    <div className="not-found" data-testid="forbidden">
      <h1>403</h1>
      <p>{t.forbidden}</p>
      <Link href={`/${locale}/sign-in`}>{locale === "ja" ? "サインイン" : "Sign in"}</Link>
    </div>
  );
}
