// The JSON language for the lesson editor: colours, and the schema's completions and hovers and formatting from the
// JSON worker. It does what monaco-editor's own JSON mode does (its languages/features/json/jsonMode.js, MIT,
// © Microsoft), minus the colour picker, the outline and the diagnostics (ours come from the validator), and minus
// the worker's folding and selection ranges, so that the worker starts only on a first hover, suggestion or format
// (Monaco folds and selects by indentation and brackets without them). And without one import: that mode reaches its worker through a module that loads
// every editor feature Monaco has (internal/common/workers.js), which would put the whole editor — about 1 MB of
// compressed JavaScript — back into the page (npm run bench -- page-weight).
import * as monaco from "monaco-editor/editor/editor.api";
import {
  CompletionAdapter,
  DocumentFormattingEditProvider,
  DocumentRangeFormattingEditProvider,
  HoverAdapter,
} from "monaco-editor/languages/features/common/lspLanguageFeatures";
import { createTokenizationSupport } from "monaco-editor/languages/features/json/tokenization";

export interface JsonSchemaAssociation {
  uri: string;
  fileMatch: string[];
  schema: unknown;
}

/** The worker's answers for the models it is given (vscode-json-languageservice behind a proxy). */
type JsonWorker = object;

/** The worker stops after two idle minutes and starts again on the next request, as Monaco's own JSON mode does. */
const STOP_WHEN_IDLE_MS = 2 * 60 * 1000;

/**
 * Registers the JSON language; the schemas serve completion and hover. `schemas` loads them (some 360 kB of JSON,
 * needed only once the worker starts: on a first hover, suggestion or format, not to show the file and its markers).
 * `createWorker` makes the JSON worker (a bundled file: the bundler needs to see its `new Worker(new URL(…))`).
 */
export function registerJson(schemas: () => Promise<JsonSchemaAssociation[]>, createWorker: () => Worker): void {
  monaco.languages.register({ id: "json", extensions: [".json"], aliases: ["JSON", "json"], mimetypes: ["application/json"] });
  monaco.languages.onLanguage("json", () => setUp(schemas, createWorker));
}

function setUp(schemas: () => Promise<JsonSchemaAssociation[]>, createWorker: () => Worker) {
  let client: Promise<monaco.editor.MonacoWebWorker<JsonWorker>> | null = null;
  let lastUsed = 0;
  setInterval(() => {
    if (client && Date.now() - lastUsed > STOP_WHEN_IDLE_MS) {
      const stopping = client;
      client = null;
      void stopping.then((w) => w.dispose());
    }
  }, 30_000);
  const worker = async (...resources: monaco.Uri[]): Promise<JsonWorker> => {
    lastUsed = Date.now();
    client ??= schemas().then((loaded) => {
      const started = createWorker();
      // The worker's first two messages: a wake-up, then what its `create()` receives.
      started.postMessage("ignore");
      started.postMessage({
        languageId: "json",
        enableSchemaRequest: false,
        languageSettings: { validate: false, allowComments: false, enableSchemaRequest: false, schemas: loaded },
      });
      return monaco.editor.createWebWorker<JsonWorker>({ worker: started });
    });
    return (await client).withSyncedResources(resources);
  };
  monaco.languages.registerDocumentFormattingEditProvider("json", new DocumentFormattingEditProvider(worker));
  monaco.languages.registerDocumentRangeFormattingEditProvider("json", new DocumentRangeFormattingEditProvider(worker));
  monaco.languages.registerCompletionItemProvider("json", new CompletionAdapter(worker, [" ", ":", '"']));
  monaco.languages.registerHoverProvider("json", new HoverAdapter(worker));
  monaco.languages.setTokensProvider("json", createTokenizationSupport(true));
  monaco.languages.setLanguageConfiguration("json", {
    wordPattern: /(-?\d*\.\d\w*)|([^[{\]}:",\s]+)/g,
    brackets: [
      ["{", "}"],
      ["[", "]"],
    ],
    autoClosingPairs: [
      { open: "{", close: "}", notIn: ["string"] },
      { open: "[", close: "]", notIn: ["string"] },
      { open: '"', close: '"', notIn: ["string"] },
    ],
  });
}
