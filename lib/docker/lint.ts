/**
 * Dockerfile rules for the editor and the grader, in the validator's Diagnostic shape so the same markers, Problems
 * list and `rules-clear` / `no-errors` checks serve both kinds of file. Errors are what makes `docker build` fail
 * (the builder refuses the same file with BuildKit's words); warnings are BuildKit's build checks and the course's
 * practice for images that ECS runs.
 */
import type { Diagnostic, Lang, Level, TextRange } from "@/lib/validator/types";
import { keyValues, parseDockerfile, summarize, type Instruction, type ParsedDockerfile, type ParseProblem } from "./dockerfile";

export const DOCKERFILE_RULE_IDS = ["DF-PARSE", "DF-BASE-LATEST", "DF-SECRET-IN-IMAGE", "DF-ROOT-USER", "DF-SHELL-FORM-CMD"] as const;
export type DockerfileRuleId = (typeof DOCKERFILE_RULE_IDS)[number];

/**
 * [Docker-doc] build-checks/secrets-used-in-arg-or-env: BuildKit flags ARG/ENV keys that "indicate that they contain
 * sensitive data". Its exact word list is BuildKit's; these are the words of that kind the course's files use.
 */
const SECRET_WORDS = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)(_|$)/i;
export const looksSecret = (name: string) => SECRET_WORDS.test(name);

/** Each rule's one-line summary (what is expected) and its message, per language; a missing translation fails to compile. */
interface RuleText {
  summary: string;
  parse: (problem: ParseProblem) => string;
  latest: (ref: string) => string;
  secret: (keyword: string, name: string) => string;
  root: (user: string | null) => string;
  shellForm: (keyword: string) => string;
}
type Texts = Record<DockerfileRuleId, string> & Omit<RuleText, "summary">;

const EN: Texts = {
  "DF-PARSE": "The Dockerfile parses: every line is a known instruction and the first one (after ARGs) is FROM.",
  "DF-BASE-LATEST": "The base image names a version tag or a digest, not latest.",
  "DF-SECRET-IN-IMAGE": "No secret is baked into the image with ENV or ARG.",
  "DF-ROOT-USER": "The final stage runs as a non-root USER.",
  "DF-SHELL-FORM-CMD": "CMD and ENTRYPOINT use the exec (JSON) form.",
  parse: (p) =>
    ({
      "unknown-instruction": `dockerfile parse error on line ${p.line}: unknown instruction: ${p.word}. docker build stops here; check the spelling (FROM, RUN, COPY, ENV, EXPOSE, USER, CMD, …).`,
      "no-from": "The Dockerfile has no FROM: every build starts from a base image (FROM node:22-slim, for example).",
      "before-from": `${p.word} comes before FROM: only ARG may precede the first FROM. Move it below FROM.`,
      "bad-from": "FROM needs an image, optionally followed by AS and a stage name: FROM node:22-slim AS build.",
      "missing-arguments": `${p.word} needs arguments.`,
    })[p.kind],
  latest: (ref) =>
    `FROM ${ref} follows whatever "latest" means on the day of the build: the same Dockerfile can give another major version tomorrow. Name a version tag (node:22-slim) to stay on the version you tested, or a digest (node@sha256:…) to fix the exact image.`,
  secret: (keyword, name) =>
    `SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (${keyword} "${name}"). The value stays in the image: anyone who can pull it reads it with docker history or docker inspect. Pass it when the container starts instead (an ECS secret from Secrets Manager or Parameter Store, or docker run -e).`,
  root: (user) =>
    `${user === null ? "No USER is set" : `USER ${user} is root`}: the application runs as root inside the container, so a flaw in it gets root's rights there. Add a USER with an unprivileged account (the node images have one called node).`,
  shellForm: (keyword) =>
    `JSONArgsRecommended: JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals. In the shell form /bin/sh is process 1 and does not pass SIGTERM on, so ECS's stop waits out stopTimeout and then kills the app. Write ${keyword} ["node", "server.js"].`,
};

const JA: Texts = {
  "DF-PARSE": "Dockerfile を解析できる: どの行も既知の命令で、(ARG を除く) 最初の命令が FROM である。",
  "DF-BASE-LATEST": "ベースイメージを latest ではなく、バージョンのタグかダイジェストで指定している。",
  "DF-SECRET-IN-IMAGE": "ENV や ARG でシークレットをイメージに焼き込んでいない。",
  "DF-ROOT-USER": "最後のステージが root 以外の USER で動く。",
  "DF-SHELL-FORM-CMD": "CMD と ENTRYPOINT が exec 形式 (JSON の配列) で書かれている。",
  parse: (p) =>
    ({
      "unknown-instruction": `dockerfile parse error on line ${p.line}: unknown instruction: ${p.word}。docker build はここで止まります。命令のつづり (FROM、RUN、COPY、ENV、EXPOSE、USER、CMD など) を確認してください。`,
      "no-from": "Dockerfile に FROM がありません。ビルドは必ずベースイメージから始まります (例: FROM node:22-slim)。",
      "before-from": `${p.word} が FROM より前にあります。最初の FROM より前に書けるのは ARG だけです。FROM の後ろに移してください。`,
      "bad-from": "FROM にはイメージを書き、必要なら AS とステージ名を続けます (例: FROM node:22-slim AS build)。",
      "missing-arguments": `${p.word} に引数がありません。`,
    })[p.kind],
  latest: (ref) =>
    `FROM ${ref} は、ビルドした日の「latest」が指すイメージになります。同じ Dockerfile でも、明日は別のメジャーバージョンになるかもしれません。テストしたバージョンを使い続けるにはバージョンのタグ (node:22-slim) を、イメージを完全に固定するにはダイジェスト (node@sha256:…) を指定してください。`,
  secret: (keyword, name) =>
    `SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (${keyword} "${name}")。この値はイメージの中に残り、イメージをプルできる人なら誰でも docker history や docker inspect で読めます。コンテナの起動時に渡してください (ECS なら Secrets Manager や Parameter Store のシークレット、手元なら docker run -e)。`,
  root: (user) =>
    `${user === null ? "USER が指定されていない" : `USER ${user} は root な`}ため、アプリケーションはコンテナの中で root として動きます。アプリケーションに脆弱性があると、コンテナ内で root の権限を奪われます。権限の小さいアカウントの USER を追加してください (node のイメージには node というユーザーがあります)。`,
  shellForm: (keyword) =>
    `JSONArgsRecommended: JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals。シェル形式では /bin/sh がプロセス 1 になり、SIGTERM をアプリケーションに伝えません。そのため ECS がタスクを停止するときは stopTimeout まで待ってから強制終了します。${keyword} ["node", "server.js"] のように書いてください。`,
};

const TEXTS: Record<Lang, Texts> = { en: EN, ja: JA };

/** Each rule's level (errors stop `docker build`; the rest are advice) and where the fact comes from. */
const FACTS: Record<DockerfileRuleId, { level: Level; source: string }> = {
  "DF-PARSE": { level: "error", source: "[Docker-doc] Dockerfile reference (instructions; FROM first); BuildKit's parser" },
  "DF-BASE-LATEST": { level: "warning", source: "[Docker-doc] Building best practices: pin base image versions" },
  "DF-SECRET-IN-IMAGE": { level: "warning", source: "[Docker-doc] build-checks/secrets-used-in-arg-or-env (SecretsUsedInArgOrEnv)" },
  "DF-ROOT-USER": { level: "warning", source: "[Docker-doc] Building best practices: USER" },
  "DF-SHELL-FORM-CMD": { level: "warning", source: "[Docker-doc] build-checks/json-args-recommended (JSONArgsRecommended)" },
};

export const DOCKERFILE_RULES: { id: DockerfileRuleId; level: Level; source: string; docs: string; summary: Record<Lang, string> }[] = DOCKERFILE_RULE_IDS.map(
  (id) => ({ id, ...FACTS[id], docs: docsFor(id), summary: { en: EN[id], ja: JA[id] } }),
);

/** A diagnostic's "Explanation" link: the rule's row on the rules reference page. */
function docsFor(ruleId: DockerfileRuleId): string {
  return `/reference/rules#${ruleId}`;
}

function rangeOf(text: string, start: number, end: number): TextRange {
  const position = (offset: number) => {
    const before = text.slice(0, offset).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const from = position(start);
  const to = position(end);
  return { start, end, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

export interface DockerfileLint {
  parsed: ParsedDockerfile;
  diagnostics: Diagnostic[];
}

export function lintDockerfile(text: string, lang: Lang): DockerfileLint {
  const parsed = parseDockerfile(text);
  const t = TEXTS[lang];
  const diagnostics: Diagnostic[] = [];
  const report = (ruleId: DockerfileRuleId, message: string, at: { start: number; end: number }, stage: Diagnostic["stage"]) =>
    diagnostics.push({ ruleId, level: FACTS[ruleId].level, message, stage, pointer: "", range: rangeOf(text, at.start, at.end), docs: docsFor(ruleId) });
  for (const problem of parsed.problems) report("DF-PARSE", t.parse(problem), problem, "cli");
  const final = parsed.stages.at(-1);
  for (const stage of parsed.stages) {
    const fromLine = parsed.instructions.find((i) => i.keyword === "FROM" && i.args.includes(stage.from.ref));
    const named = parsed.stages.some((s) => s.name !== null && s.name === stage.from.image);
    if (!named && stage.from.image !== "scratch" && stage.from.digest === null && (stage.from.tag === null || stage.from.tag === "latest")) {
      report("DF-BASE-LATEST", t.latest(stage.from.ref), fromLine ?? { start: 0, end: 0 }, "advice");
    }
  }
  for (const instruction of parsed.instructions) {
    if (instruction.keyword === "ENV" || instruction.keyword === "ARG") {
      for (const [name] of keyValues(instruction.args)) {
        if (looksSecret(name)) report("DF-SECRET-IN-IMAGE", t.secret(instruction.keyword, name), instruction, "advice");
      }
    }
    if ((instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT") && !instruction.args.trim().startsWith("[")) {
      report("DF-SHELL-FORM-CMD", t.shellForm(instruction.keyword), instruction, "advice");
    }
  }
  if (final) {
    const user = summarize(parsed).user;
    if (user === null || /^(root|0)(:.*)?$/.test(user)) {
      const last: Instruction | undefined = final.instructions.findLast((i) => i.keyword === "USER") ?? parsed.instructions.findLast((i) => i.keyword === "FROM");
      report("DF-ROOT-USER", t.root(user), last ?? { start: 0, end: 0 }, "advice");
    }
  }
  return { parsed, diagnostics: diagnostics.sort((a, b) => a.range.start - b.range.start) };
}
