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
    // lib/safe-html.ts, which escapes every value. Any other sink fails lint (docs/decisions/032-one-markup-sink.md).
    // (Only where eslint-config-next loads the React plugin: not the CommonJS configs.)
    files: ["**/*.{ts,tsx,js,jsx}"],
    rules: { "react/no-danger": "error" },
  },
  {
    files: ["components/markup.tsx"],
    rules: { "react/no-danger": "off" },
  },
  {
    // Next and dependency-cruiser load their configs as CommonJS.
    files: ["next.config.js", ".dependency-cruiser*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // Layering (what may import what) is checked by dependency-cruiser, not here: npm run lint:layers
  // (.dependency-cruiser.cjs, .dependency-cruiser-client.cjs), so that the rules live in one place.
];

export default config;
