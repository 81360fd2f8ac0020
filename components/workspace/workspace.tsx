"use client";

import dynamic from "next/dynamic";
import { useParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { CheckResult } from "@/lib/grading/grade";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { validate } from "@/lib/validator";
import { isAtLeast, type Level } from "@/lib/validator/types";
import { postJson } from "./api";
import { CheckPanel, type ProgressState } from "./check-panel";
import { CredentialsPanel, type SandboxCredentials } from "./credentials-panel";
import { ProblemsList } from "./problems-list";
import { SandboxConsole } from "./sandbox-console";
import { SandboxPanel } from "./sandbox-panel";
import type { TaskEditorHandle } from "./task-editor";

const TaskEditor = dynamic(() => import("./task-editor"), {
  ssr: false,
  loading: () => <EditorLoading />,
});

function EditorLoading() {
  const { locale } = useParams<{ locale: string }>();
  return (
    <div className="editor-loading" role="status">
      <span className="visually-hidden">{uiText(isLocale(locale) ? locale : "en").editorLoading}</span>
    </div>
  );
}

const SAVE_DELAY_MS = 600;
const RETRY_DELAY_MS = 3000;

type SaveState = "saved" | "saving" | "failed";

interface Props {
  locale: Locale;
  lessonId: string;
  fileName: string;
  starter: string;
  initialText: string;
  initialProgress: ProgressState;
  hints: string[];
  solution: string | null;
  cluster: string;
  credentials: SandboxCredentials | null;
  /** Least severe validator level this lesson shows in the editor. */
  editorMinLevel: Level;
}

/** The exercise: editor with live diagnostics, Check, hints, solution, and Run in sandbox. */
export function Workspace(props: Props) {
  const { locale, lessonId, fileName, starter, initialText, hints, cluster, credentials, editorMinLevel } = props;
  const t = uiText(locale);
  const editor = useRef<TaskEditorHandle>(null);
  const [text, setText] = useState(initialText);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [savedText, setSavedText] = useState(initialText);
  const [progress, setProgress] = useState(props.initialProgress);
  const [checks, setChecks] = useState<CheckResult[] | null>(null);
  const [solution, setSolution] = useState(props.solution);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const diagnostics = useMemo(
    () => validate(text, { lang: locale }).filter((d) => isAtLeast(d.level, editorMinLevel)),
    [text, locale, editorMinLevel],
  );

  // Autosave: the latest text reaches the server shortly after typing stops; a failure is retried, never dropped.
  useEffect(() => {
    if (text === savedText) return;
    const timer = setTimeout(
      () => {
        setSaveState("saving");
        postJson(`/api/lessons/${lessonId}/draft`, { text }, locale).then(
          () => {
            setSavedText(text);
            setSaveState("saved");
          },
          () => setSaveState("failed"),
        );
      },
      saveState === "failed" ? RETRY_DELAY_MS : SAVE_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [text, savedText, saveState, lessonId, locale]);

  async function check() {
    setChecking(true);
    setCheckError(null);
    try {
      const result = await postJson<{ checks: CheckResult[]; progress: ProgressState; solution: string | null }>(
        `/api/lessons/${lessonId}/check`,
        { text },
        locale,
      );
      setChecks(result.checks);
      setProgress(result.progress);
      setSolution(result.solution);
      setSavedText(text);
    } catch (e) {
      setCheckError(e instanceof Error ? e.message : t.requestFailed);
    } finally {
      setChecking(false);
    }
  }

  function replaceText(next: string) {
    editor.current?.setText(next);
    setText(next);
  }

  return (
    <section className="workspace" aria-labelledby="exercise-heading">
      <h2 id="exercise-heading">{t.exerciseHeading}</h2>
      <div className="editor-bar">
        <code>{fileName}</code>
        <span className="save-state" data-testid="save-state" data-state={saveState} aria-live="polite">
          {text === savedText ? t.saved : saveState === "failed" ? t.saveFailed : t.saving}
        </span>
        <button
          type="button"
          className="link"
          onClick={() => window.confirm(t.resetConfirm) && replaceText(starter)}
        >
          {t.resetStarter}
        </button>
      </div>
      <div className="editor-frame" data-testid="editor">
        <TaskEditor
          ref={editor}
          fileName={fileName}
          value={initialText}
          diagnostics={diagnostics}
          locale={locale}
          ariaLabel={t.editorLabel}
          onChange={setText}
        />
      </div>
      <ProblemsList diagnostics={diagnostics} locale={locale} onSelect={(offset) => editor.current?.reveal(offset)} />
      <div className="actions">
        <button type="button" className="primary" onClick={check} disabled={checking} data-testid="check">
          {checking ? t.checking : t.check}
        </button>
      </div>
      {checkError && (
        <p className="banner error" role="alert">
          {checkError}
        </p>
      )}
      <CheckPanel
        locale={locale}
        checks={checks}
        progress={progress}
        hints={hints}
        solution={solution}
        onLoadSolution={() => replaceText(solution ?? text)}
      />
      <SandboxPanel locale={locale} lessonId={lessonId} cluster={cluster} text={text} />
      <SandboxConsole locale={locale} />
      {credentials && <CredentialsPanel locale={locale} credentials={credentials} />}
    </section>
  );
}
