"use client";

/**
 * "Your files" on the terminal's page: the learner's file area (lib/terminal/file-area.ts), kept on the server, read
 * by file://NAME in the terminal here and on lesson pages. A plain textarea is the editor (the files are small and
 * this page should stay light) and a file input uploads; the limits are checked here for a quick answer and again by
 * the server. The text is only stored, never run.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { terminalText } from "@/lib/i18n/terminal-ui";
import { fileAreaText, MAX_FILE_BYTES, MAX_NAME_LENGTH, nameError, textError, type TerminalFileInfo } from "@/lib/terminal/file-area";
import { getJson, postJson } from "../workspace/api";

type Status = { kind: "ok" | "error"; message: string } | null;

/** A file's own name made into one the area accepts (an upload named "task def (1).json" → "task-def-1-.json"). */
function cleanName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, MAX_NAME_LENGTH);
}

export function FileArea({ locale }: { locale: Locale }) {
  const t = terminalText(locale).files;
  const limits = fileAreaText(locale);
  const id = useId();
  const [files, setFiles] = useState<TerminalFileInfo[] | null>(null);
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  const listFiles = () => getJson<{ files: TerminalFileInfo[] }>("/api/terminal/files", locale).then((r) => r.files);
  const loadFailed = (e: unknown) => {
    setStatus({ kind: "error", message: t.loadFailed(e instanceof Error ? e.message : String(e)) });
    setFiles([]);
  };

  async function refresh() {
    await listFiles().then(setFiles, loadFailed);
  }

  useEffect(() => {
    let live = true;
    // Loaded once per visit; every change below refreshes the list itself.
    listFiles().then(
      (found) => live && setFiles(found),
      (e) => live && loadFailed(e),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save(fileName: string, fileText: string) {
    const invalid = nameError(fileName) ?? textError(fileText);
    if (invalid) {
      setStatus({ kind: "error", message: limits[invalid] });
      return;
    }
    setBusy(true);
    try {
      await postJson("/api/terminal/files", { name: fileName, text: fileText }, locale);
      setStatus({ kind: "ok", message: t.saved(fileName) });
      await refresh();
    } catch (e) {
      setStatus({ kind: "error", message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  async function edit(fileName: string) {
    try {
      const file = await getJson<{ text: string }>(`/api/terminal/files?name=${encodeURIComponent(fileName)}`, locale);
      setName(fileName);
      setText(file.text);
      setStatus(null);
      nameInput.current?.focus();
    } catch (e) {
      setStatus({ kind: "error", message: e instanceof Error ? e.message : String(e) });
    }
  }

  async function remove(fileName: string) {
    setBusy(true);
    try {
      await postJson("/api/terminal/files/delete", { name: fileName }, locale);
      setStatus({ kind: "ok", message: t.deleted(fileName) });
      if (name === fileName) {
        setName("");
        setText("");
      }
      await refresh();
    } catch (e) {
      setStatus({ kind: "error", message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    const fileName = cleanName(file.name);
    // A file over the limit is refused by its size, without reading it.
    if (file.size > MAX_FILE_BYTES) {
      setStatus({ kind: "error", message: limits["too-large"] });
      return;
    }
    const fileText = await file.text();
    setName(fileName);
    setText(fileText);
    await save(fileName, fileText);
  }

  return (
    <section className="file-area" aria-labelledby={`${id}-heading`} data-testid="file-area">
      <h2 id={`${id}-heading`}>{t.heading}</h2>
      <p>{t.intro}</p>
      <p className="muted" data-testid="file-area-limits">
        {limits.limits}
      </p>
      {files === null ? null : files.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul className="file-list" aria-label={t.listLabel} data-testid="file-list">
          {files.map((f) => (
            <li key={f.name} data-file={f.name}>
              <code>{f.name}</code> <span className="muted">{t.size(f.bytes)}</span>
              <span className="file-actions">
                <button type="button" className="link" onClick={() => void edit(f.name)} aria-label={t.edit(f.name)}>
                  {t.editShort}
                </button>
                <button type="button" className="link" onClick={() => void remove(f.name)} disabled={busy} aria-label={t.remove(f.name)}>
                  {t.removeShort}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="file-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(name, text);
        }}
      >
        <label htmlFor={`${id}-name`}>{t.name}</label>
        <input id={`${id}-name`} ref={nameInput} value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoCapitalize="off" autoComplete="off" placeholder="task-def.json" data-testid="file-name" />
        <label htmlFor={`${id}-text`}>{t.text}</label>
        <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={10} spellCheck={false} data-testid="file-text" />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="file-save">
            {t.save}
          </button>
          <button
            type="button"
            onClick={() => {
              setName("");
              setText("");
              setStatus(null);
              nameInput.current?.focus();
            }}
          >
            {t.newFile}
          </button>
          <label className="upload">
            {t.upload}
            <input type="file" accept=".json,.yaml,.yml,.txt,.sh,application/json,text/*" onChange={(e) => void upload(e.target.files?.[0])} data-testid="file-upload" />
          </label>
        </div>
      </form>
      <p role="status" className="muted" data-testid="file-status">
        {status?.kind === "ok" ? status.message : ""}
      </p>
      {status?.kind === "error" && (
        <p role="alert" className="banner error" data-testid="file-error">
          {status.message}
        </p>
      )}
    </section>
  );
}
