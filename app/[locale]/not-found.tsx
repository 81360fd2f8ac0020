import Link from "next/link";
import { uiText } from "@/lib/i18n/ui";

// Rendered inside the locale layout, which has no params here; English is the safe default for a wrong URL.
export default function NotFound() {
  const t = uiText("en");
  return (
    <div>
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <Link href="/">{t.backHome}</Link>
    </div>
  );
}
