import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

/**
 * The production server (scripts/serve.ts with what it imports from lib/ and db/) as one
 * JavaScript file beside Next's build, run with plain node: run through tsx, each server process
 * held about 40 MB more for tsx's loader and its compiled copies of the modules (decision 062).
 * Packages stay in node_modules (`packages: "external"`); the `@/` paths are resolved from
 * tsconfig.json. Built by `npm run build`, and by `npm start` when it is missing or older than
 * Next's build.
 */
export const SERVER_BUNDLE = path.join(".next", "rasd-server.cjs");

/** The bundle's path, building it when there is none or it is older than Next's build. */
export function serverBundle(root = process.cwd()): string {
  const out = path.join(root, SERVER_BUNDLE);
  const buildId = path.join(root, ".next", "BUILD_ID");
  const stale = !fs.existsSync(out) || (fs.existsSync(buildId) && fs.statSync(out).mtimeMs < fs.statSync(buildId).mtimeMs);
  if (stale) buildServerBundle(root);
  return out;
}

export function buildServerBundle(root = process.cwd()): void {
  buildSync({
    entryPoints: [path.join(root, "scripts", "serve.ts")],
    outfile: path.join(root, SERVER_BUNDLE),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    keepNames: true,
    logLevel: "warning",
  });
}
