// Monaco from the app's own bundle: no CDN, workers built by the bundler (Turbopack needs getWorker defined).
// Only what the lesson editor uses is loaded: the editor core, the JSON language (the only kind of file Monaco edits
// here; Dockerfiles and scripts get a plain text area, workspace.tsx) and the features below. The full `monaco-editor`
// entry would bring some eighty languages, four language services and every contribution: about 1.1 MB of compressed
// JavaScript for a page that edits JSON (npm run bench -- page-weight).
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor/editor.api";
// The editor features a learner meets, each checked by a test or named in the page's keyboard note:
import "monaco-editor/features/codicon/register"; // the icons of the hover, the light bulb, the find box
import "monaco-editor/features/hover/register"; // a marker's message and the schema's description on hover
import "monaco-editor/features/gotoError/register"; // "View Problem" and F8 between markers
import "monaco-editor/features/codeAction/register"; // the quick fixes (light bulb, Ctrl+.)
import "monaco-editor/editor/contrib/suggest/browser/suggestController"; // the suggestion list (Ctrl+Space)
import "monaco-editor/features/snippet/register"; // what the suggestion list inserts
import "monaco-editor/features/find/register"; // Ctrl+F, Ctrl+H
import "monaco-editor/features/folding/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/format/register"; // Format Document (Shift+Alt+F, Ctrl+Shift+I on Linux)
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/clipboard/register"; // cut, copy and paste in the context menu
import "monaco-editor/features/toggleTabFocusMode/register"; // Ctrl+M: Tab moves focus (the note under the editor)
import "monaco-editor/features/wordOperations/register"; // Ctrl+Left/Right, Ctrl+Backspace
import "monaco-editor/features/linesOperations/register"; // Alt+Up/Down, Shift+Alt+Down, Ctrl+Shift+K
import "monaco-editor/features/multicursor/register"; // Ctrl+D, Ctrl+Alt+Up/Down
import "monaco-editor/features/smartSelect/register"; // Shift+Alt+Left/Right
import "monaco-editor/features/lineSelection/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/indentation/register"; // indentation of pasted text
import "monaco-editor/features/dnd/register";
import "monaco-editor/features/iPadShowKeyboard/register"; // the keyboard button on tablets
import { registerJson } from "./monaco-json";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

export const TASK_DEFINITION_SCHEMA_URI = "https://ecs-dojo.local/schemas/register-task-definition.json";

/**
 * Which schema a lesson file gets, by its name: service input files are named after the command they feed
 * (create-service.json, service.json, update-service.json); every other JSON file is a task definition.
 */
const UPDATE_SERVICE_FILES = ["*update-service*.json", "*update_service*.json"];
const CREATE_SERVICE_FILES = ["*service*.json", "!*update-service*.json", "!*update_service*.json"];
const TASK_DEFINITION_FILES = ["*.json", "!*service*.json"];

/**
 * Monaco's light theme with line numbers dark enough to read (WCAG AA 4.5:1 on white): the default dims the last
 * line's number, which axe reports as too faint.
 */
export const EDITOR_THEME = "dojo-light";

let configured = false;

export type MonacoApi = typeof monaco;

export function setUpMonaco(): MonacoApi {
  if (configured) return monaco;
  configured = true;
  // The editor's own worker (word-based suggestions, minimal edits after a format); the JSON worker has its own
  // factory in registerJson. Both load on first use only.
  window.MonacoEnvironment = {
    getWorker() {
      return new Worker(new URL("monaco-editor/editor/editor.worker", import.meta.url), { type: "module" });
    },
  };
  // Our validator reports syntax and shape problems in the learner's language; the JSON worker's own diagnostics
  // would repeat them in English, so the schema serves completion and hover only.
  registerJson(
    () =>
      import("@/lib/ecs-model/schema").then(({ INPUT_SCHEMAS }) => [
        { uri: TASK_DEFINITION_SCHEMA_URI, fileMatch: TASK_DEFINITION_FILES, schema: INPUT_SCHEMAS.RegisterTaskDefinition },
        { uri: INPUT_SCHEMAS.CreateService.$id, fileMatch: CREATE_SERVICE_FILES, schema: INPUT_SCHEMAS.CreateService },
        { uri: INPUT_SCHEMAS.UpdateService.$id, fileMatch: UPDATE_SERVICE_FILES, schema: INPUT_SCHEMAS.UpdateService },
      ]),
    () => new Worker(new URL("monaco-editor/language/json/json.worker", import.meta.url), { type: "module" }),
  );
  monaco.editor.defineTheme(EDITOR_THEME, {
    base: "vs",
    inherit: true,
    rules: [],
    colors: {
      "editorLineNumber.foreground": "#5b6675",
      "editorLineNumber.activeForeground": "#1b2430",
      "editorLineNumber.dimmedForeground": "#5b6675",
    },
  });
  loader.config({ monaco });
  return monaco;
}
