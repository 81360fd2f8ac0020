import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    ignores: [".next/**", "node_modules/**", "prisma/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
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
