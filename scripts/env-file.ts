import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { loadEnvConfig } from "@next/env";

/**
 * Loads .env files the way Next does, and on a fresh clone writes `.env.local` with a
 * random AUTH_SECRET (mode 600) so that `npm start` needs no other step.
 */
export function loadEnv(opts: { createSecret: boolean }): void {
  const dir = process.cwd();
  loadEnvConfig(dir, false, { info: () => {}, error: console.error });
  if (process.env.AUTH_SECRET || !opts.createSecret) return;
  const file = path.join(dir, ".env.local");
  const secret = randomBytes(32).toString("base64url");
  fs.appendFileSync(file, `${fs.existsSync(file) ? "\n" : ""}# Written by npm start on first run. Keep it secret.\nAUTH_SECRET=${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  process.env.AUTH_SECRET = secret;
  console.log("Created .env.local with a new random AUTH_SECRET.");
}
