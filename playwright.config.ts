import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// Fresh secrets per run, inherited by the workers and the server: nothing fixed in the repo.
process.env.E2E_ADMIN_PASSWORD ??= randomBytes(18).toString("base64url");
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");

export default defineConfig({
  // e2e: every user-facing flow; security: the black-box attack suite (docs/security.md), same production server.
  projects: [
    { name: "e2e", testDir: "tests/e2e" },
    { name: "security", testDir: "tests/security" },
  ],
  outputDir: "test-results/e2e",
  fullyParallel: false,
  // Two cores: one worker drives Chromium while the server renders.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "bash tests/e2e/serve.sh",
    url: `http://127.0.0.1:${PORT}/en/signin`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      E2E_PORT: String(PORT),
      E2E_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
    },
  },
});
