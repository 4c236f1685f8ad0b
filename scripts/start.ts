import fs from "node:fs";
import path from "node:path";
import { spawnSync, spawn } from "node:child_process";
import { readServerEnv } from "@/lib/env";
import { loadEnv } from "./env-file";
import { prepare } from "./prepare-db";
import { serverBundle } from "./server-bundle";

/** `npm start`: secret, database, demo content, build when there is none, then serve. */
async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.AUTH_TRUST_HOST ??= "true";
  loadEnv({ createSecret: true });
  const env = readServerEnv();
  await prepare(true);

  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.log("No production build yet: running next build (a few minutes on 2 cores)…");
    const built = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  console.log(`Serving Rasd on http://localhost:${env.PORT}`);
  // scripts/serve.ts (Next's request handler behind the checks of docs/decisions/002-custom-server.md), as one JavaScript file.
  const server = spawn(process.execPath, ["--expose-gc", serverBundle()], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
