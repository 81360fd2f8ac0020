/** The Dockerfile reader and its rules: what the editor marks, the grader reads and the builder builds. */
import { describe, expect, test } from "vitest";
import { parseDockerfile, summarize, parseImageRef, expand } from "@/lib/docker/dockerfile";
import { lintDockerfile } from "@/lib/docker/lint";

const STARTER = `# syntax=docker/dockerfile:1
FROM node:latest
WORKDIR /app
ENV NODE_ENV=production \\
    DB_PASSWORD=hunter2
COPY package.json server.js ./
EXPOSE 80
CMD node server.js
`;

const ids = (text: string) => lintDockerfile(text, "en").diagnostics.map((d) => d.ruleId);

describe("parseDockerfile and summarize", () => {
  test("continuations, comments, ENV pairs, WORKDIR, the shell form of CMD", () => {
    const summary = summarize(parseDockerfile(STARTER));
    expect(summary).toMatchObject({
      from: { image: "node", tag: "latest", digest: null, ref: "node:latest" },
      user: null,
      expose: ["80"],
      env: { NODE_ENV: "production", DB_PASSWORD: "hunter2" },
      workdir: "/app",
      cmd: ["/bin/sh", "-c", "node server.js"],
      stages: 1,
    });
  });

  test("the final stage of a multi-stage build; ARG before FROM in the FROM line; legacy ENV; exec form", () => {
    const text = `ARG NODE_VERSION=22
FROM node:\${NODE_VERSION} AS build
RUN npm ci
FROM node:\${NODE_VERSION}-slim
ENV PORT 8080
USER node
EXPOSE \${PORT}
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:8080/health"]
ENTRYPOINT ["node"]
CMD ["server.js"]`;
    const summary = summarize(parseDockerfile(text));
    expect(summary).toMatchObject({ from: { ref: "node:22-slim", tag: "22-slim" }, user: "node", expose: ["8080"], env: { PORT: "8080" }, entrypoint: ["node"], cmd: ["server.js"], stages: 2 });
    expect(summary.healthcheck).toEqual(["CMD", "curl", "-f", "http://localhost:8080/health"]);
  });

  test("image references: registry ports are not tags; digests; expansion defaults", () => {
    expect(parseImageRef("localhost:5000/web")).toMatchObject({ image: "localhost:5000/web", tag: null });
    expect(parseImageRef("public.ecr.aws/docker/library/node:22@sha256:" + "a".repeat(64))).toMatchObject({ image: "public.ecr.aws/docker/library/node", tag: "22", digest: "sha256:" + "a".repeat(64) });
    expect(expand("${A:-x}-$B", { B: "b" })).toBe("x-b");
  });

  test("what docker build would refuse: an unknown instruction, something before FROM, no FROM", () => {
    expect(parseDockerfile("FROM node:22\nRUNN npm ci").problems).toEqual([expect.objectContaining({ kind: "unknown-instruction", word: "RUNN", line: 2 })]);
    expect(parseDockerfile("COPY . .\nFROM node:22").problems[0]).toMatchObject({ kind: "before-from", line: 1 });
    expect(parseDockerfile("# nothing\n").problems[0].kind).toBe("no-from");
  });
});

describe("lintDockerfile", () => {
  test("the starter of the L101 kind: latest, a secret in ENV, root, the shell form", () => {
    expect(ids(STARTER).sort()).toEqual(["DF-BASE-LATEST", "DF-ROOT-USER", "DF-SECRET-IN-IMAGE", "DF-SHELL-FORM-CMD"]);
  });

  test("a fixed Dockerfile is clear", () => {
    expect(ids(`FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 8080\nCMD ["node", "server.js"]\n`)).toEqual([]);
  });

  test("an untagged FROM is latest; a digest or an earlier stage's name is pinned; USER 0 is root", () => {
    expect(ids("FROM node\nUSER node\nCMD [\"node\"]")).toEqual(["DF-BASE-LATEST"]);
    expect(ids(`FROM node@sha256:${"b".repeat(64)} AS base\nFROM base\nUSER 0\nCMD ["node"]`)).toEqual(["DF-ROOT-USER"]);
  });

  test("secret-looking names in ENV and ARG, not ordinary ones", () => {
    const found = lintDockerfile("FROM alpine:3.20\nARG GITHUB_TOKEN\nENV API_KEY=x SECRET_NAME=y PASSWORDLESS=1 KEYBOARD=us\nUSER nobody", "en").diagnostics;
    const named = found.filter((d) => d.ruleId === "DF-SECRET-IN-IMAGE").map((d) => /"(\w+)"/.exec(d.message)![1]);
    expect(named).toEqual(["GITHUB_TOKEN", "API_KEY", "SECRET_NAME"]);
  });

  test("messages in both languages, with the line of the finding and a link to the rule on the rules page", () => {
    const en = lintDockerfile(STARTER, "en").diagnostics.find((d) => d.ruleId === "DF-SECRET-IN-IMAGE")!;
    const ja = lintDockerfile(STARTER, "ja").diagnostics.find((d) => d.ruleId === "DF-SECRET-IN-IMAGE")!;
    expect(en.message).toContain('SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")');
    expect(ja.message).toMatch(/docker history/);
    expect(ja.message).toMatch(/[\u3040-\u30ff]/);
    expect(en.range.line).toBe(4);
    expect(en.docs).toBe("/reference/rules#DF-SECRET-IN-IMAGE");
  });
});
