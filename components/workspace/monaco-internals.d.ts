// Types for the two modules of monaco-editor's JSON mode that components/workspace/monaco-json.ts uses directly
// (the package ships them without declarations).
declare module "monaco-editor/languages/features/common/lspLanguageFeatures" {
  import type { languages, Uri } from "monaco-editor/editor/editor.api";
  type WorkerAccessor = (...uris: Uri[]) => Promise<object>;
  export class CompletionAdapter implements languages.CompletionItemProvider {
    constructor(worker: WorkerAccessor, triggerCharacters: string[]);
    provideCompletionItems: languages.CompletionItemProvider["provideCompletionItems"];
  }
  export class HoverAdapter implements languages.HoverProvider {
    constructor(worker: WorkerAccessor);
    provideHover: languages.HoverProvider["provideHover"];
  }
  export class DocumentFormattingEditProvider implements languages.DocumentFormattingEditProvider {
    constructor(worker: WorkerAccessor);
    provideDocumentFormattingEdits: languages.DocumentFormattingEditProvider["provideDocumentFormattingEdits"];
  }
  export class DocumentRangeFormattingEditProvider implements languages.DocumentRangeFormattingEditProvider {
    constructor(worker: WorkerAccessor);
    provideDocumentRangeFormattingEdits: languages.DocumentRangeFormattingEditProvider["provideDocumentRangeFormattingEdits"];
  }
}

declare module "monaco-editor/languages/features/json/tokenization" {
  import type { languages } from "monaco-editor/editor/editor.api";
  export function createTokenizationSupport(supportComments: boolean): languages.TokensProvider;
}
