import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Markup strings enter the page in one place only: <Markup> takes SafeHtml from
    // lib/safe-html.ts, which escapes every value. Any other sink fails lint (docs/decisions/markup-01-one-sink.md).
    rules: { "react/no-danger": "error" },
  },
  {
    files: ["components/markup.tsx"],
    rules: { "react/no-danger": "off" },
  },
  {
    // Next loads its config as CommonJS.
    files: ["next.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // lib/ is the data layer: it must not depend on routes or UI.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*"] }],
    },
  },
];

export default config;
