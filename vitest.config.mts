import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/faults/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    globalSetup: ["tests/global-setup.ts"],
    // Inlined so that their imports of next/* resolve under vitest (next-intl: area names link with its getPathname).
    server: { deps: { inline: ["next-auth", "next-intl"] } },
    testTimeout: 20_000,
    // The server's JSON log lines would bury the test output; tests that start a server set their own level.
    env: { LOG_LEVEL: "silent" },
    pool: "forks",
    // The import collects between slices with V8's gc (lib/import/collect.ts), which node exposes with this flag, as the server runs.
    execArgv: ["--expose-gc"],
  },
});
