import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
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
