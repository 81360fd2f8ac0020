// Monaco from the app's own bundle: no CDN, workers built by the bundler (Turbopack needs getWorker defined).
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import taskDefinitionSchema from "@/lib/ecs-model/generated/register-task-definition.schema.json";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

export const TASK_DEFINITION_SCHEMA_URI = "https://ecs-dojo.local/schemas/register-task-definition.json";

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
    schemas: [{ uri: TASK_DEFINITION_SCHEMA_URI, fileMatch: ["*.json"], schema: taskDefinitionSchema }],
  });
  loader.config({ monaco });
  return monaco;
}
