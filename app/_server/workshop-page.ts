import { forbidden, notFound } from "next/navigation";
import { hasRole } from "@/lib/people/roles";
import { workshopFor, type Viewer, type WorkshopView } from "@/lib/workshop/store";
import { currentAccount } from "./require-role";

/** For instructor pages: the viewer, or the 403 page for anyone who is not an instructor or admin. */
export async function instructorPage(): Promise<Viewer> {
  const account = await currentAccount();
  if (!account || !hasRole(account.role, "instructor")) forbidden();
  return { userId: account.userId, role: account.role };
}

/** For one workshop's pages: 403 as above, then 404 unless it is one of the viewer's (or the viewer is an admin). */
export async function workshopPage(id: string): Promise<{ viewer: Viewer; workshop: WorkshopView }> {
  const viewer = await instructorPage();
  const workshop = await workshopFor(viewer, id);
  if (!workshop) notFound();
  return { viewer, workshop };
}

/** The site's address as this browser reached it, for the join link and its QR code. */
export async function siteOrigin(): Promise<string> {
  const { headers } = await import("next/headers");
  const h = await headers();
  const host = h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return process.env.DOJO_PUBLIC_URL?.replace(/\/+$/, "") || `${proto}://${host}`;
}

/** The join link's QR code as SVG markup (qrcode draws it on the server; no script, no image request). */
export async function joinQrSvg(url: string): Promise<string> {
  const loaded = await import("qrcode");
  // A CommonJS package: its functions are on `default` when the bundler wraps it, on the namespace otherwise.
  const QRCode = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}
