"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from "react";
import type * as Monaco from "monaco-editor/editor/editor.api";
import type { Locale } from "@/lib/i18n/locales";
import { completionsAt } from "@/lib/validator/completions";
import type { Diagnostic } from "@/lib/validator/types";
import { monoFontFamily } from "../mono-font";
import { focusNextAfter } from "./focus";
import { EDITOR_THEME, setUpMonaco } from "./monaco-setup";

const monaco = setUpMonaco();

export interface TaskEditorHandle {
  reveal(offset: number): void;
  setText(text: string): void;
}

interface Props {
  fileName: string;
  value: string;
  diagnostics: Diagnostic[];
  locale: Locale;
  ariaLabel: string;
  /** Id of the visible note that tells how to leave the editor by keyboard. */
  describedBy?: string;
  onChange(text: string): void;
  /** Monaco is on screen (the page's preview of the file can go). */
  onMount?(): void;
}

/**
 * Esc leaves the editor (Tab indents inside it) — but only when Esc has nothing of Monaco's own to close: a
 * suggestion list, the find box, a hover, the quick-fix menu, a second cursor or a selection.
 */
const ESC_LEAVES_WHEN = [
  "suggestWidgetVisible",
  "findWidgetVisible",
  "parameterHintsVisible",
  "renameInputVisible",
  "markersNavigationVisible",
  "editorHoverVisible",
  "codeActionMenuVisible",
  "referenceSearchVisible",
  "inSnippetMode",
  "inlineSuggestionVisible",
  "editorHasMultipleSelections",
  "editorHasSelection",
  "messageVisible",
]
  .map((key) => `!${key}`)
  .join(" && ");

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  runtime: monaco.MarkerSeverity.Warning,
  warning: monaco.MarkerSeverity.Info,
} as const;

/** Monaco on the lesson's file, with the validator's diagnostics as markers and its quick fixes as code actions. */
const TaskEditor = forwardRef<TaskEditorHandle, Props>(function TaskEditor(props, ref) {
  const { fileName, value, diagnostics, locale, ariaLabel, describedBy, onChange, onMount: onMounted } = props;
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const diagnosticsRef = useRef(diagnostics);
  const codeActionsRef = useRef<Monaco.IDisposable | null>(null);
  const completionsRef = useRef<Monaco.IDisposable | null>(null);

  useImperativeHandle(ref, () => ({
    reveal(offset) {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) return;
      const position = model.getPositionAt(offset);
      editor.setPosition(position);
      editor.revealPositionInCenter(position);
      editor.focus();
    },
    setText(text) {
      editorRef.current?.getModel()?.setValue(text);
    },
  }));

  const applyMarkers = useCallback(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      "ecs-dojo",
      diagnosticsRef.current.map((d) => {
        const start = model.getPositionAt(d.range.start);
        const end = model.getPositionAt(Math.max(d.range.end, d.range.start + 1));
        return {
          severity: SEVERITY[d.level],
          message: d.message,
          source: "ECS Dojo",
          code: d.docs
            ? { value: d.ruleId, target: monaco.Uri.parse(`${window.location.origin}/${locale}${d.docs}`) }
            : d.ruleId,
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        };
      }),
    );
  }, [locale]);

  useEffect(() => {
    diagnosticsRef.current = diagnostics;
    applyMarkers();
  }, [diagnostics, applyMarkers]);

  useEffect(
    () => () => {
      codeActionsRef.current?.dispose();
      completionsRef.current?.dispose();
    },
    [],
  );

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    applyMarkers();
    onMounted?.();
    const frame = editor.getContainerDomNode();
    editor.addCommand(monaco.KeyCode.Escape, () => focusNextAfter(frame), ESC_LEAVES_WHEN);
    // The element that takes the keystrokes (a textarea or an EditContext div, as the browser allows) points to the
    // note on how to leave the editor.
    editor.onDidFocusEditorText(() => {
      const input = document.activeElement;
      if (describedBy && input && frame.contains(input)) input.setAttribute("aria-describedby", describedBy);
    });
    // Values valid in context (memory for the chosen Fargate cpu, Fargate's log drivers, enums), ranked above
    // the schema's generic suggestions.
    completionsRef.current?.dispose();
    completionsRef.current = monaco.languages.registerCompletionItemProvider("json", {
      triggerCharacters: ['"', ":", " "],
      provideCompletionItems(target, position) {
        if (target !== editor.getModel()) return { suggestions: [] };
        const result = completionsAt(target.getValue(), target.getOffsetAt(position));
        const start = target.getPositionAt(result.replace.start);
        const end = target.getPositionAt(result.replace.end);
        const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
        return {
          suggestions: result.items.map((item, index) => ({
            label: item.label,
            kind: monaco.languages.CompletionItemKind.Value,
            insertText: item.insertText,
            detail: item.detail,
            range,
            sortText: `0${String(index).padStart(3, "0")}`,
          })),
        };
      },
    });
    codeActionsRef.current?.dispose();
    codeActionsRef.current = monaco.languages.registerCodeActionProvider("json", {
      provideCodeActions(target, range) {
        if (target !== editor.getModel()) return { actions: [], dispose() {} };
        const at = { start: target.getOffsetAt(range.getStartPosition()), end: target.getOffsetAt(range.getEndPosition()) };
        const actions = diagnosticsRef.current
          .filter((d) => d.fixes?.length && d.range.start <= at.end && d.range.end >= at.start)
          .flatMap((d) =>
            (d.fixes ?? []).map((fix) => ({
              title: fix.title,
              kind: "quickfix",
              isPreferred: true,
              edit: {
                edits: fix.edits.map((e) => {
                  const s = target.getPositionAt(e.start);
                  const en = target.getPositionAt(e.end);
                  return {
                    resource: target.uri,
                    versionId: undefined,
                    textEdit: { range: new monaco.Range(s.lineNumber, s.column, en.lineNumber, en.column), text: e.newText },
                  };
                }),
              },
            })),
          );
        return { actions, dispose() {} };
      },
    });
  };

  return (
    <Editor
      height="28rem"
      path={fileName}
      defaultLanguage="json"
      defaultValue={value}
      onChange={(text) => onChange(text ?? "")}
      onMount={onMount}
      theme={EDITOR_THEME}
      options={{
        minimap: { enabled: false },
        fontFamily: monoFontFamily(),
        fontSize: 14,
        tabSize: 2,
        scrollBeyondLastLine: false,
        ariaLabel,
        automaticLayout: true,
        fixedOverflowWidgets: true,
      }}
    />
  );
});

export default TaskEditor;
