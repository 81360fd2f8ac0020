import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { joinQrSvg, siteOrigin, workshopPage } from "@/app/_server/workshop-page";
import { RoomView } from "@/components/workshop/room-view";
import { isLocale } from "@/lib/i18n/locales";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { displayJoinCode } from "@/lib/workshop/join-code";
import { roomSnapshot } from "@/lib/workshop/snapshot";
import { isOwner } from "@/lib/workshop/store";

export async function generateMetadata({ params }: PageProps<"/[locale]/workshops/[id]">): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: workshopText(locale).workshops } : {};
}

/** The instructor's room: join code and QR, raised hands, the live grid, the mistake heat-map, actions, export, charts. */
export default async function WorkshopRoomPage({ params }: PageProps<"/[locale]/workshops/[id]">) {
  const { locale, id } = await params;
  if (!isLocale(locale)) notFound();
  const { viewer, workshop } = await workshopPage(id);
  const t = workshopText(locale);
  const origin = await siteOrigin();
  const joinUrl = `${origin}/${workshop.language}/join?code=${workshop.joinCode}`;
  const qrSvg = await joinQrSvg(joinUrl);
  const snapshot = await roomSnapshot(workshop, locale);
  return (
    <div className="workshop-page workshop-room">
      <h1 data-testid="workshop-heading">{workshop.title}</h1>
      <section aria-labelledby="join-heading" className="panel join-panel">
        <h2 id="join-heading">{t.joinCode}</h2>
        <div className="join-summary">
          <div
            className="qr"
            role="img"
            aria-label={t.qrAlt(joinUrl)}
            // The SVG comes from the qrcode library on the server, from a URL this page built.
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <div>
            <p className="join-code" data-testid="join-code">
              {displayJoinCode(workshop.joinCode)}
            </p>
            <p>
              {t.joinLink}:{" "}
              <a href={joinUrl} data-testid="join-link" className="break-anywhere">
                {joinUrl}
              </a>
            </p>
            <p>
              <Link className="button-link" href={`/${locale}/workshops/${workshop.id}/projector`} data-testid="project">
                {t.project}
              </Link>
            </p>
          </div>
        </div>
      </section>
      <RoomView
        locale={locale}
        workshopId={workshop.id}
        initial={snapshot}
        instructors={workshop.instructors.map((i) => ({ name: i.name, email: i.email, role: i.role }))}
        isOwner={isOwner(workshop, viewer.userId)}
      />
    </div>
  );
}
