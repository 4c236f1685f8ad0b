import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layering check must fail on a violation, not just pass on today's tree. This writes a small
 * tree with one violation per rule (and the allowed cases beside them) into a temporary folder,
 * runs dependency-cruiser on it with the project's two configurations, and expects exactly the
 * violations planted: no more (the exceptions hold), no fewer (each rule fires).
 */
const ROOT = path.resolve(__dirname, "..", "..");
const DEPCRUISE = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

const FILES: Record<string, string> = {
  // Allowed: the vocabulary imports nothing, the schema imports it, the client opens the schema.
  "lib/roles.ts": `export const ROLES = ["admin"] as const;\n`,
  "db/schema.ts": `import { ROLES } from "../lib/roles";\nexport const schema = { ROLES };\n`,
  "db/client.ts": `import Database from "better-sqlite3";\nimport { schema } from "./schema";\nexport const open = () => ({ db: new Database(":memory:"), schema });\n`,
  // Allowed: lib/ → db/, and Next only inside lib/next/.
  "lib/data.ts": `import { open } from "../db/client";\nexport type Row = { id: number };\nexport const read = () => open();\n`,
  "lib/next/session.ts": `import { headers } from "next/headers";\nexport const who = async () => (await headers()).get("x");\n`,
  // Violation lib-not-next: Next outside the glue folder, in a folder that did not exist when the rules were written.
  "lib/figures/bad-next.ts": `import { notFound } from "next/navigation";\nexport const nope = () => notFound();\n`,
  // Violation lib-not-next: the rest of lib/ does not reach Next through the glue either.
  "lib/figures/bad-glue.ts": `import { who } from "../next/session";\nexport const w = who;\n`,
  // Violation lib-not-app-or-components.
  "lib/figures/bad-ui.ts": `import { Form } from "../../components/form";\nexport const f = Form;\n`,
  // Violation db-is-the-bottom.
  "db/seed.ts": `import { read } from "../lib/data";\nexport const seed = read;\n`,
  // Violation vocabulary-imports-nothing.
  "lib/report-statuses.ts": `import { ROLES } from "./roles";\nexport const REPORT_STATUSES = ROLES;\n`,
  // Violation client-never-reaches-server (through lib/data.ts → db/client.ts → better-sqlite3),
  // and components-not-app. The type-only import of lib/data.ts is allowed for the client pass.
  "components/form.tsx": `"use client";\nimport { read } from "../lib/data";\nimport { save } from "../app/thing/actions";\nexport const Form = () => [read, save];\n`,
  "components/typed-form.tsx": `// A comment before the directive is allowed.\n"use client";\nimport type { Row } from "../lib/data";\nexport const TypedForm = (r: Row) => r.id;\n`,
  // Violation components-not-db.
  "components/table.tsx": `import { schema } from "../db/schema";\nexport const Table = () => schema;\n`,
  // Allowed: app → db/client; violation app-no-queries: app → db/schema.
  "app/thing/actions.ts": `"use server";\nimport { open } from "../../db/client";\nexport async function save() { return open(); }\n`,
  "app/thing/page.tsx": `import { schema } from "../../db/schema";\nimport { Form } from "../../components/form";\nexport default function Page() { return [schema, Form]; }\n`,
  // Allowed: tests import anything.
  "tests/anything.test.ts": `import { nope } from "../lib/figures/bad-next";\nimport { open } from "../db/client";\nexport const t = [nope, open];\n`,
};

type Violation = { rule: string; from: string; to: string };

/** Runs the check as npm test does (the "err" output, whose exit code counts the errors) and reads its lines. */
function cruise(dir: string, config: string, paths: string[]): { status: number; violations: Violation[] } {
  let out: string;
  let status = 0;
  try {
    out = execFileSync(process.execPath, [DEPCRUISE, "--config", path.join(ROOT, config), "--output-type", "err", ...paths], {
      cwd: dir,
      encoding: "utf8",
    });
  } catch (e) {
    const err = e as { status: number; stdout: string };
    status = err.status;
    out = err.stdout;
  }
  // "  error rule-name: from/file.ts → to/file.ts" (a reachability error lists the chain on the lines below).
  const violations = [...out.matchAll(/^\s*error ([\w-]+): (\S+) → (\S+)$/gm)].map(([, rule, from, to]) => ({ rule: rule!, from: from!, to: to! }));
  return { status, violations };
}

const key = (v: Pick<Violation, "rule" | "from">) => `${v.rule}: ${v.from}`;

describe("layering check (dependency-cruiser)", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rasd-layers-"));
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    // The configs read tsconfig.json (for "@/…") and resolve next and better-sqlite3 from node_modules.
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fails on each planted layer violation, and only on those", () => {
    const { status, violations } = cruise(dir, ".dependency-cruiser.cjs", ["app", "components", "lib", "db", "tests"]);
    expect(status).not.toBe(0);
    expect([...new Set(violations.map(key))].sort()).toEqual(
      [
        "app-no-queries: app/thing/page.tsx",
        "components-not-app: components/form.tsx",
        "components-not-db: components/table.tsx",
        "db-is-the-bottom: db/seed.ts",
        "lib-not-app-or-components: lib/figures/bad-ui.ts",
        "lib-not-next: lib/figures/bad-glue.ts",
        "lib-not-next: lib/figures/bad-next.ts",
        "vocabulary-imports-nothing: lib/report-statuses.ts",
      ].sort(),
    );
  });

  it("fails when a client component reaches the database through lib/, not when it only names a type", () => {
    const { status, violations } = cruise(dir, ".dependency-cruiser-client.cjs", ["app", "components", "lib"]);
    expect(status).not.toBe(0);
    expect(new Set(violations.map(key))).toEqual(new Set(["client-never-reaches-server: components/form.tsx"]));
    // db/client.ts, db/schema.ts and better-sqlite3 are each reached; the typed form reaches none.
    expect(violations.map((v) => v.to).some((to) => to.includes("better-sqlite3"))).toBe(true);
  });
});
