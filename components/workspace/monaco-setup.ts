// Monaco from the app's own bundle: no CDN, workers built by the bundler (Turbopack needs getWorker defined).
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { INPUT_SCHEMAS } from "@/lib/ecs-model/schema";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

export const TASK_DEFINITION_SCHEMA_URI = "https://ecs-dojo.local/schemas/register-task-definition.json";
export const CREATE_SERVICE_SCHEMA_URI = INPUT_SCHEMAS.CreateService.$id;
export const UPDATE_SERVICE_SCHEMA_URI = INPUT_SCHEMAS.UpdateService.$id;

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

export function setUpMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  window.MonacoEnvironment = {
    getWorker(_workerId, label) {
      if (label === "json") {
        return new Worker(new URL("monaco-editor/language/json/json.worker", import.meta.url), {
          type: "module",
        });
      }
      return new Worker(new URL("monaco-editor/editor/editor.worker", import.meta.url), { type: "module" });
    },
  };
  // Our validator reports syntax and shape problems in the learner's language; Monaco's own JSON diagnostics
  // would repeat them in English, so the schema serves completion and hover only.
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: false,
    enableSchemaRequest: false,
    schemas: [
      { uri: TASK_DEFINITION_SCHEMA_URI, fileMatch: TASK_DEFINITION_FILES, schema: INPUT_SCHEMAS.RegisterTaskDefinition },
      { uri: CREATE_SERVICE_SCHEMA_URI, fileMatch: CREATE_SERVICE_FILES, schema: INPUT_SCHEMAS.CreateService },
      { uri: UPDATE_SERVICE_SCHEMA_URI, fileMatch: UPDATE_SERVICE_FILES, schema: INPUT_SCHEMAS.UpdateService },
    ],
  });
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
