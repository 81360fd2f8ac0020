import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JoinForm } from "@/components/workshop/join-form";
import { isLocale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";

export async function generateMetadata({ params }: PageProps<"/[locale]/join">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: workshopText(locale).joinTitle } : {};
}

/** Join a workshop with its code and a display name; no account needed. The QR code's link fills the code in. */
export default async function JoinPage({ params, searchParams }: PageProps<"/[locale]/join">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const code = (await searchParams).code;
  const t = workshopText(locale);
  return (
    <div className="workshop-page join-page">
      <h1>{t.joinTitle}</h1>
      <p>{t.joinIntro}</p>
      <JoinForm locale={locale} code={typeof code === "string" ? code.slice(0, 12) : ""} />
    </div>
  );
}
