import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { joinQrSvg, siteOrigin, workshopPage } from "@/app/_server/workshop-page";
import { isLocale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { displayJoinCode } from "@/lib/workshop/join-code";

export async function generateMetadata({ params }: PageProps<"/[locale]/workshops/[id]/projector">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: workshopText(locale).projectorTitle } : {};
}

/** For the projector: the code, the link and the QR code, large, in the room's language. */
export default async function ProjectorPage({ params }: PageProps<"/[locale]/workshops/[id]/projector">) {
  const { locale, id } = await params;
  if (!isLocale(locale)) notFound();
  const { workshop } = await workshopPage(id);
  const t = workshopText(workshop.language);
  const origin = await siteOrigin();
  const joinUrl = `${origin}/${workshop.language}/join?code=${workshop.joinCode}`;
  const qrSvg = await joinQrSvg(joinUrl);
  return (
    <div className="projector" lang={workshop.language}>
      <h1>{t.projectorTitle}</h1>
      <p className="projector-title">{workshop.title}</p>
      <p className="projector-code" data-testid="projector-code">
        {displayJoinCode(workshop.joinCode)}
      </p>
      <div className="qr projector-qr" role="img" aria-label={t.qrAlt(joinUrl)} dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p className="break-anywhere">{t.projectorSteps(origin.replace(/^https?:\/\//, "") + `/${workshop.language}`)}</p>
      <p className="break-anywhere" data-testid="projector-link">
        {joinUrl}
      </p>
    </div>
  );
}
