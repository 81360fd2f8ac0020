import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    // A lesson's files are the learner's sample code (a CommonJS Node.js app, say), written as learners meet it.
    ignores: [".next/**", "dist/**", "node_modules/**", "prisma/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lessons/**"],
  },
  {
    // lib/ is the domain: it must not depend on the site's routes or components (DESIGN.md, "Layout").
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "next/*"] }],
    },
  },
];

export default config;
