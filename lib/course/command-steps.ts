/**
 * A mistake's `commands.sh` as the few lines it changes in the solution's, rather than a whole copy of it. The
 * solution names its steps with `# step: NAME` lines (a step runs to the next marker; lines before the first are
 * always kept). A mistake script whose first line is `# changes: _solution/commands.sh` is a list of blocks, each
 * headed by one directive and holding the lines up to the next:
 *
 *   # replace step: NAME   the block's lines instead of the step
 *   # drop step: NAME      the step is left out (the block is empty)
 *   # before step: NAME    the block's lines, then the step
 *   # after step: NAME     the step, then the block's lines
 *
 * Any other mistake script replaces the solution's whole (what every mistake did before steps existed).
 */

export const PATCH_HEADER = "# changes: _solution/commands.sh";
const STEP = /^# step: (\S+)\s*$/;
const DIRECTIVE = /^# (replace|drop|before|after) step: (\S+)\s*$/;

type Where = "replace" | "drop" | "before" | "after";

/** The solution's steps in order; `""` names the lines before the first marker. */
export function stepsOf(script: string): { name: string; lines: string[] }[] {
  const steps: { name: string; lines: string[] }[] = [{ name: "", lines: [] }];
  for (const line of script.split("\n")) {
    const marker = STEP.exec(line);
    if (marker) {
      if (steps.some((s) => s.name === marker[1])) throw new Error(`step ${marker[1]} is named twice`);
      steps.push({ name: marker[1], lines: [line] });
    } else steps.at(-1)!.lines.push(line);
  }
  return steps;
}

/** The script a mistake runs: `mistake` itself, or the solution with the mistake's blocks applied. Throws on a step the solution does not name. */
export function mistakeScript(solution: string | undefined, mistake: string): string {
  const lines = mistake.split("\n");
  if (lines[0].trim() !== PATCH_HEADER) return mistake;
  if (solution === undefined) throw new Error(`${PATCH_HEADER} needs a _solution/commands.sh`);
  const steps = stepsOf(solution);
  const blocks: { where: Where; step: string; lines: string[] }[] = [];
  for (const line of lines.slice(1)) {
    const directive = DIRECTIVE.exec(line);
    if (directive) blocks.push({ where: directive[1] as Where, step: directive[2], lines: [] });
    else if (blocks.length > 0) blocks.at(-1)!.lines.push(line);
    else if (line.trim() !== "" && !line.startsWith("#")) throw new Error(`"${line}" comes before any "# replace|drop|before|after step: NAME" line`);
  }
  for (const block of blocks) {
    if (!steps.some((s) => s.name === block.step)) throw new Error(`step ${block.step} is not one of _solution/commands.sh's (${steps.slice(1).map((s) => s.name).join(", ") || "it names none with # step: NAME"})`);
    if (block.where === "drop" && block.lines.some((l) => l.trim() !== "")) throw new Error(`"# drop step: ${block.step}" takes no lines`);
  }
  const out: string[] = [];
  for (const step of steps) {
    const mine = blocks.filter((b) => b.step === step.name);
    for (const block of mine.filter((b) => b.where === "before")) out.push(...block.lines);
    const replaced = mine.find((b) => b.where === "replace" || b.where === "drop");
    out.push(...(replaced ? replaced.lines : step.lines));
    for (const block of mine.filter((b) => b.where === "after")) out.push(...block.lines);
  }
  return out.join("\n");
}
