"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useRef, useState } from "react";
import type { CheckResult } from "@/lib/course/grading/grade";
import type { FileKind, LessonAction } from "@/lib/course/schema";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { lintDockerfile } from "@/lib/docker/lint";
import { validate, type InputKind } from "@/lib/validator";
import { isAtLeast, type Level } from "@/lib/validator/types";
import { useConfirm } from "@/components/confirm-dialog";
import { ActionBar } from "./action-bar";
import { postJson } from "./api";
import { CheckPanel, type ProgressState } from "./check-panel";
import { CredentialsPanel } from "./credentials-panel";
import { EditorPreview } from "./editor-preview";
import { ExercisePanel } from "./exercise-panel";
import { revealResult } from "./focus";
import { loadMonacoMessages } from "./monaco-messages";
import { ProblemsList } from "./problems-list";
import { QuizPanel, type QuizView } from "./quiz-panel";
import { SandboxConsole } from "./sandbox-console";
import { SandboxPanel, type RunTarget } from "./sandbox-panel";
import { sandboxUiText } from "@/lib/i18n/sandbox-ui";
import { TerminalPanel } from "../terminal/terminal-panel";
import type { TaskEditorHandle } from "./task-editor";

// Monaco's own labels follow the page's language: its message table must be in place before Monaco loads.
let editorModule: Promise<typeof import("./task-editor")> | undefined;
function loadEditor() {
  editorModule ??= loadMonacoMessages(document.documentElement.lang).then(() => import("./task-editor"));
  return editorModule;
}
// The editor's code is not in the page's bundle (the prose and the page's controls come first), but its download
// starts as soon as this module runs, while the page hydrates, rather than once React has rendered the workspace:
// that is about half a second sooner on a cold load (npm run bench -- page-weight). Only where the server rendered
// an editor frame (a lesson without JSON to edit never loads Monaco).
if (typeof document !== "undefined" && document.querySelector("[data-testid=editor]")) void loadEditor();
// Until it has mounted, the server's preview of the file (editor-preview.tsx) stands in its place.
const TaskEditor = dynamic(loadEditor, { ssr: false, loading: () => null });

const SAVE_DELAY_MS = 600;
const RETRY_DELAY_MS = 3000;

/** The validator's operation for each file kind it checks; other kinds are edited as plain text. */
const VALIDATED: Partial<Record<FileKind, InputKind>> = {
  "task-definition": "RegisterTaskDefinition",
  service: "CreateService",
  "update-service": "UpdateService",
};
const JSON_KINDS: FileKind[] = ["task-definition", "service", "update-service", "json"];

type SaveState = "saved" | "saving" | "failed";

export interface WorkspaceFile {
  name: string;
  kind: FileKind;
  /** Part of the exercise to read and build with, not to change (an app's source): shown, never edited. */
  readOnly: boolean;
  starter: string;
  text: string;
}

interface Props {
  locale: Locale;
  lessonId: string;
  files: WorkspaceFile[];
  quiz: QuizView[] | null;
  initialAnswers: Record<string, string[]>;
  initialProgress: ProgressState;
  /** The latest result of each check, from the learner's last Check. */
  initialChecks: Record<string, boolean>;
  /** The learner's last Check in full (details and hints), so a reload shows what the learner last saw. */
  lastCheck: { checks: CheckResult[]; at: string } | null;
  /** The task each page action's last Run started, by action index. */
  lastRuns: Record<number, RunTarget>;
  /** Where to go once the lesson is complete: the next lesson, or (after the last) the course. */
  next: { href: string; label: string } | null;
  courseHref: string;
  checkTitles: Record<string, string>;
  hints: string[];
  ruleHints: Record<string, string>;
  solution: Record<string, string> | null;
  actions: LessonAction[];
  hasScenario: boolean;
  /** Opened from an exam question's "try it": the mistake to make here, in the page's language (lesson mistakes.json). */
  tryIt?: { heading: string; body: string };
  exerciseStarted: boolean;
  cluster: string;
  /** Least severe validator level this lesson shows in the editor. */
  editorMinLevel: Level;
}

/** The exercise: the lesson's files, quiz, sandbox set-up and actions, Check, hints and solution. */
export function Workspace(props: Props) {
  const { locale, lessonId, files, quiz, hints, cluster, editorMinLevel } = props;
  const t = uiText(locale);
  const editor = useRef<TaskEditorHandle>(null);
  const { confirm, dialog } = useConfirm();
  const [active, setActive] = useState(files[0]?.name ?? "");
  const [texts, setTexts] = useState(() => Object.fromEntries(files.map((f) => [f.name, f.text])));
  const [saved, setSaved] = useState(texts);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  // Until the learner changes something on this visit, "Saved" would claim a save that never happened.
  const [edited, setEdited] = useState(false);
  const [answers, setAnswers] = useState(props.initialAnswers);
  const [progress, setProgress] = useState(props.initialProgress);
  const [checks, setChecks] = useState<CheckResult[] | null>(null);
  const [ruleHints, setRuleHints] = useState<{ ruleId: string; text: string }[]>([]);
  const [solution, setSolution] = useState(props.solution);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [editorMounted, setEditorMounted] = useState(false);
  // Each finished Check moves focus to its results (not to <body>, where a disabled button would leave it).
  const [checkRounds, setCheckRounds] = useState(0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const file = files.find((f) => f.name === active);
  const text = texts[active] ?? "";
  const diagnostics = useMemo(() => {
    if (file?.kind === "dockerfile") return lintDockerfile(text, locale).diagnostics.filter((d) => isAtLeast(d.level, editorMinLevel));
    const kind = file && VALIDATED[file.kind];
    if (!kind) return [];
    const taskDefinitions = files.filter((f) => f.kind === "task-definition").flatMap((f) => {
      try {
        return [JSON.parse(texts[f.name])];
      } catch {
        return [];
      }
    });
    return validate(text, { lang: locale, kind, taskDefinitions }).filter((d) => isAtLeast(d.level, editorMinLevel));
  }, [file, files, texts, text, locale, editorMinLevel]);
  const liveRuleHints = diagnostics.filter((d) => props.ruleHints[d.ruleId]).map((d) => ({ ruleId: d.ruleId, text: props.ruleHints[d.ruleId] }));

  // Autosave: each changed file reaches the server shortly after typing stops; a failure is retried, never dropped.
  const unsaved = files.map((f) => f.name).filter((name) => texts[name] !== saved[name]);
  const nextToSave = unsaved[0];
  useEffect(() => {
    if (nextToSave === undefined) return;
    const name = nextToSave;
    const timer = setTimeout(
      () => {
        setSaveState("saving");
        const sent = texts[name];
        postJson(`/api/lessons/${lessonId}/draft`, { file: name, text: sent }, locale).then(
          () => {
            setSaved((s) => ({ ...s, [name]: sent }));
            setSaveState("saved");
          },
          () => setSaveState("failed"),
        );
      },
      saveState === "failed" ? RETRY_DELAY_MS : SAVE_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [nextToSave, texts, saveState, lessonId, locale]);

  function choose(next: Record<string, string[]>) {
    setAnswers(next);
    postJson(`/api/lessons/${lessonId}/draft`, { answers: next }, locale).catch(() => setSaveState("failed"));
  }

  useEffect(() => {
    if (checkRounds === 0) return;
    resultsHeading.current?.focus({ preventScroll: true });
    revealResult(resultsHeading.current);
  }, [checkRounds]);

  async function check() {
    if (checking) return;
    setChecking(true);
    setCheckError(null);
    try {
      const result = await postJson<{
        checks: CheckResult[];
        ruleHints: { ruleId: string; text: string }[];
        progress: ProgressState;
        solution: Record<string, string> | null;
      }>(`/api/lessons/${lessonId}/check`, { files: texts, answers }, locale);
      setChecks(result.checks);
      setRuleHints(result.ruleHints);
      setProgress(result.progress);
      setSolution(result.solution);
      setSaved(texts);
      setCheckRounds((n) => n + 1);
    } catch (e) {
      setCheckError(e instanceof Error ? e.message : t.requestFailed);
    } finally {
      setChecking(false);
    }
  }

  function replaceText(name: string, next: string) {
    if (name === active) editor.current?.setText(next);
    edit(name, next);
  }

  const restored = checks ? null : props.lastCheck;
  const lastChecks =
    checks ??
    restored?.checks ??
    (Object.keys(props.initialChecks).length
      ? Object.entries(props.checkTitles).map(([id, title]) => ({ id, title, passed: props.initialChecks[id] ?? false }))
      : null);
  const untouched = !edited && files.every((f) => texts[f.name] === f.starter);
  const edit = (name: string, next: string) => {
    if (next !== texts[name]) setEdited(true);
    setTexts((current) => ({ ...current, [name]: next }));
  };

  const isMonaco = Boolean(file && JSON_KINDS.includes(file.kind) && !file.readOnly);
  return (
    <section className="workspace" id="exercise" aria-labelledby="exercise-heading">
      <h2 id="exercise-heading" tabIndex={-1}>
        {t.exerciseHeading}
      </h2>
      {props.tryIt && (
        <aside className="callout callout-exam try-it-note" data-testid="try-it-note" aria-label={props.tryIt.heading}>
          <p className="callout-title">{props.tryIt.heading}</p>
          <p>{props.tryIt.body}</p>
        </aside>
      )}
      {props.hasScenario && <ExercisePanel locale={locale} lessonId={lessonId} started={props.exerciseStarted} />}
      {files.length > 0 && (
        <>
          <div className="file-tabs" role="tablist" aria-label={t.filesLabel}>
            {files.map((f) => (
              <button
                key={f.name}
                type="button"
                role="tab"
                aria-selected={f.name === active}
                className={f.name === active ? "tab active" : "tab"}
                onClick={() => setActive(f.name)}
                data-file={f.name}
              >
                {f.name}
              </button>
            ))}
          </div>
          <div className="editor-bar">
            <code>{active}</code>
            <span className="save-state" data-testid="save-state" data-state={untouched ? "unchanged" : saveState} aria-live="polite">
              {untouched ? sandboxUiText(locale).noChangesYet : unsaved.length === 0 ? t.saved : saveState === "failed" ? t.saveFailed : t.saving}
            </span>
            {!file?.readOnly && (
              <button
                type="button"
                className="link"
                data-testid="reset-starter"
                onClick={async () => {
                  if (file && (await confirm({ title: t.resetStarter, message: t.resetConfirm, confirmLabel: t.resetStarter, cancelLabel: t.cancel }))) {
                    replaceText(file.name, file.starter);
                  }
                }}
              >
                {t.resetStarter}
              </button>
            )}
          </div>
          {isMonaco && (
            <p className="editor-keys" id="editor-keys" data-testid="editor-keys">
              {t.editorKeys}
            </p>
          )}
          {isMonaco ? (
            <div className="editor-frame" data-testid="editor">
              {!editorMounted && <EditorPreview text={text} diagnostics={diagnostics} loadingLabel={t.editorLoading} />}
              <TaskEditor
                key={active}
                ref={editor}
                fileName={active}
                value={text}
                diagnostics={diagnostics}
                locale={locale}
                ariaLabel={`${t.editorLabel}: ${active}`}
                describedBy="editor-keys"
                onChange={(next) => edit(active, next)}
                onMount={() => setEditorMounted(true)}
              />
            </div>
          ) : (
            <textarea
              key={active}
              className="text-editor"
              data-testid="text-editor"
              aria-label={`${t.editorLabel}: ${active}`}
              spellCheck={false}
              readOnly={file?.readOnly}
              value={text}
              onChange={(e) => edit(active, e.target.value)}
            />
          )}
          <ProblemsList diagnostics={diagnostics} locale={locale} onSelect={(offset) => editor.current?.reveal(offset)} />
        </>
      )}
      {quiz && <QuizPanel locale={locale} questions={quiz} answers={answers} results={checks ?? restored?.checks ?? null} onChange={choose} />}
      <ActionBar
        label={t.lessonActions}
        before={
          // Not disabled while checking: a disabled button drops keyboard focus to <body>.
          <button type="button" className="primary" onClick={check} aria-disabled={checking} data-testid="check">
            {checking ? t.checking : t.check}
          </button>
        }
      >
        {checkError && (
          <p className="banner error" role="alert">
            {checkError}
          </p>
        )}
        <CheckPanel
          locale={locale}
          checks={lastChecks}
          resultsHeading={resultsHeading}
          ruleHints={[...ruleHints, ...liveRuleHints.filter((h) => !ruleHints.some((r) => r.ruleId === h.ruleId))]}
          progress={progress}
          checkedAt={restored?.at ?? null}
          shown={{ file: active, messages: diagnostics.map((d) => d.message.split("\n")[0]) }}
          next={props.next}
          courseHref={props.courseHref}
          hints={hints}
          solution={solution}
          onLoadSolution={(name) => solution && replaceText(name, solution[name])}
        />
        {props.actions.map((action, index) => (
          <SandboxPanel
            key={index}
            locale={locale}
            lessonId={lessonId}
            action={action}
            index={index}
            text={texts[action.file] ?? ""}
            lastRun={props.lastRuns[index] ?? null}
          />
        ))}
        <SandboxConsole locale={locale} initialCluster={cluster} />
        <TerminalPanel locale={locale} files={texts} />
        <CredentialsPanel locale={locale} />
      </ActionBar>
      {dialog}
    </section>
  );
}
