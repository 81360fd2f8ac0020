/**
 * The page's monospace stack (`--font-mono` in app/globals.css), for the editor and the terminal, which draw their own
 * text and take a font family as an option: one stack, so Japanese in an editor line or a CLI message is never tofu.
 */
export function monoFontFamily(): string {
  if (typeof document === "undefined") return "monospace";
  return getComputedStyle(document.documentElement).getPropertyValue("--font-mono").trim() || "monospace";
}
