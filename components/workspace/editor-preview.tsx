import type { Diagnostic } from "@/lib/validator/types";
import { markedLines } from "./marked-lines";

/**
 * The file with the validator's marks, drawn by the server, in the editor's place until Monaco has mounted: Monaco's
 * code is ~750 KiB compressed and takes 3–4 s to arrive and compile on a cold load on a 2-core laptop, and a learner
 * should read the code and see what is wrong at first paint, not a grey box (`npm run bench -- page-weight` measures
 * both). Not editable and not scrollable: it is a picture of the editor's first screen, covered by the editor itself.
 */
export function EditorPreview({ text, diagnostics, loadingLabel }: { text: string; diagnostics: Diagnostic[]; loadingLabel: string }) {
  const lines = markedLines(
    text,
    diagnostics.map((d) => ({ start: d.range.start, end: d.range.end, level: d.level })),
  );
  return (
    <div className="editor-preview" data-testid="editor-preview" aria-busy="true">
      <span className="visually-hidden" role="status">
        {loadingLabel}
      </span>
      <pre aria-hidden="true">
        {lines.map((segments, i) => (
          <span className="preview-line" key={i}>
            {segments.map((s, j) =>
              s.level ? (
                <mark key={j} className={`preview-mark preview-${s.level}`}>
                  {s.text}
                </mark>
              ) : (
                s.text
              ),
            )}
          </span>
        ))}
      </pre>
    </div>
  );
}
