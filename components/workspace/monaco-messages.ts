/**
 * Monaco's own labels ("View Problem", "Quick Fix…", the context menu) in the page's language. Monaco looks each label
 * up in the global table `_VSCODE_NLS_MESSAGES` when it makes it — some while its modules load — so the table has to
 * be in place before Monaco is imported. English needs none: Monaco's built-in texts are English. The language
 * switch reloads the page (components/language-switch.tsx), so one table serves a page's whole life.
 */
export async function loadMonacoMessages(lang: string): Promise<void> {
  // The module sets globalThis._VSCODE_NLS_MESSAGES when it is evaluated.
  if (lang === "ja") await import("monaco-editor/nls/lang/ja.js");
}
