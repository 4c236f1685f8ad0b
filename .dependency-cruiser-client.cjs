// The client-bundle rule, checked by dependency-cruiser (docs/decisions/035-layering-checked-by-a-tool.md):
// a client component ("use client") never reaches db/, better-sqlite3 or a server-only module, directly
// or through anything it imports. A second pass, apart from .dependency-cruiser.cjs, because here only
// runtime imports count: `import type` is erased before bundling, so a form may name a lib/ type.
//
// The client components are found by their directive, not by a list, so that a new one is checked
// the day it is written. Paths are relative to the directory the check runs in.
const fs = require("node:fs");
const path = require("node:path");

const SOURCE_ROOTS = ["app", "components", "lib"];
// The directive must come first in the file; only comments and blank lines may precede it.
const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/;

function clientFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return clientFiles(file);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) && USE_CLIENT.test(fs.readFileSync(file, "utf8")) ? [file] : [];
  });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const clients = SOURCE_ROOTS.flatMap(clientFiles).map((f) => `^${escape(f.split(path.sep).join("/"))}$`);
// With no client component at all the rule must match nothing (an empty list would match everything).
const CLIENT_PATHS = clients.length ? clients : ["^$"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "client-never-reaches-server",
      comment:
        "A client component must not reach db/, better-sqlite3 or server-only, even through lib/. Move the shared piece to a file that imports none of them (as lib/roles.ts and lib/action-state.ts do), or pass the value from the server page as a prop.",
      severity: "error",
      from: { path: CLIENT_PATHS },
      to: { reachable: true, path: ["^db/", "(^|/)node_modules/(better-sqlite3|server-only)/"] },
    },
  ],
  options: {
    // Runtime imports only: type-only imports never reach a bundle.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: { path: "^(\\.next|test-results|playwright-report)/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
  },
};
