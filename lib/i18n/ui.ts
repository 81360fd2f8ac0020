import type { Locale } from "./locales";
import { en, type UiText } from "./ui.en";
import { ja } from "./ui.ja";

const TEXTS: Record<Locale, UiText> = { en, ja };

export function uiText(locale: Locale): UiText {
  return TEXTS[locale];
}
export type { UiText };
