import { notFound } from "next/navigation";

/**
 * Any address under a language that no route serves (/en/no-such-page): the site's own 404 inside the locale layout,
 * with the header and the right `lang`, instead of Next's bare page for unmatched URLs.
 */
export default function UnknownPage(): never {
  notFound();
}
