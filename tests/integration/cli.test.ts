import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDb, type Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { authenticate } from "@/lib/auth/login";
import { findApiToken } from "@/lib/tokens";
import { closeForCopy, freshDb, ROOT, TMP } from "../factories";

/** The operator scripts, run as an operator would: a real process against a real file. */
function run(script: string, args: string[], opts: { input?: string; db: string }) {
  const res = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    input: opts.input ?? "",
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: opts.db, AUTH_SECRET: "x".repeat(40) + "cli-test-secret" },
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe("npm run user:create / user:token", () => {
  let file: string;
  let db: Db;
  beforeAll(() => {
    file = closeForCopy(freshDb());
  });
  afterAll(() => db?.$client.close());

  it("creates a coordinator with areas and prints a generated password that works", async () => {
    const r = run("user-create.ts", ["--email", "Ops.Coord@Example.org", "--name", "Ops Coordinator", "--role", "coordinator", "--areas", "SY02,SY0703"], { db: file });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(r.out)?.[1];
    expect(password).toBeDefined();
    db = openDb(file);
    const login = await authenticate(db, { email: "ops.coord@example.org", password: password!, ip: "127.0.0.1" });
    expect(login.ok).toBe(true);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "user.create")).all().at(-1)!;
    expect(audit.actorLabel).toMatch(/^cli:user:create/);
    expect(audit.newValues).toMatchObject({ email: "ops.coord@example.org", role: "coordinator", areas: ["SY02", "SY0703"] });
  });

  it("takes the password from standard input and never prints it", async () => {
    // Chosen by the person: it must pass the policy (nothing of "Piped" or the e-mail in it).
    const secret = "a-long-stdin-secret-of-some-length";
    const r = run("user-create.ts", ["--email", "piped@example.org", "--name", "Piped", "--role", "viewer", "--password-stdin"], { db: file, input: secret + "\n" });
    expect(r.code).toBe(0);
    expect(r.out).not.toContain(secret);
    const login = await authenticate(db, { email: "piped@example.org", password: secret, ip: "127.0.0.2" });
    expect(login.ok).toBe(true);
  });

  it("refuses bad input with a message naming the field, and creates nothing", () => {
    const before = db.$client.prepare("select count(*) as n from users").get() as { n: number };
    const r = run("user-create.ts", ["--email", "not-an-email", "--name", "X", "--role", "boss"], { db: file });
    expect(r.code).toBe(1);
    expect(r.err).toContain("--email");
    expect(r.err).toContain("--role");
    const after = db.$client.prepare("select count(*) as n from users").get() as { n: number };
    expect(after.n).toBe(before.n);
  });

  it("prints a personal API token that identifies the user; only its hash is stored", () => {
    const r = run("user-token.ts", ["--email", "piped@example.org"], { db: file });
    expect(r.code).toBe(0);
    const token = r.out.trim();
    expect(token).toMatch(/^rasd_[A-Za-z0-9_-]{40,}$/);
    expect(findApiToken(db, token)?.userId).toBeGreaterThan(0);
    const stored = db.$client.prepare("select token_hash from api_tokens").all() as { token_hash: string }[];
    expect(stored.some((s) => s.token_hash.includes(token))).toBe(false);
    expect(run("user-token.ts", ["--email", "nobody@example.org"], { db: file }).code).toBe(1);
  });
});

describe("npm run import", () => {
  it("imports a file as an account, prints refused rows by row and column, and writes nothing then", async () => {
    const file = closeForCopy(freshDb());
    const created = run("user-create.ts", ["--email", "cli.importer@example.org", "--name", "CLI Importer", "--role", "coordinator", "--areas", "SY02"], { db: file });
    expect(created.code).toBe(0);
    const dir = fs.mkdtempSync(path.join(TMP, "import-"));
    const csv = path.join(dir, "week.csv");
    const head = "P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families";
    fs.writeFileSync(csv, `${head}\nSY0200,2021-W10,100,10,1000\nSY9999,2021-W10,5,0,50\n`);
    const refused = run("import.ts", [csv, "--as", "cli.importer@example.org", "--status", "submitted"], { db: file });
    expect(refused.code).toBe(2);
    expect(refused.out).toContain("row 3, P-code: Unknown P-code");
    expect(refused.out).toContain("nothing was imported");
    fs.writeFileSync(csv, `${head}\nSY0200,2021-W10,100,10,1000\nSY0202,2021-W10,5,0,50\n`);
    const dry = run("import.ts", [csv, "--as", "cli.importer@example.org", "--dry-run"], { db: file });
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("2 rows read: 2 to create, 0 to change, 0 unchanged.");
    const done = run("import.ts", [csv, "--as", "cli.importer@example.org", "--status", "submitted"], { db: file });
    expect(done.err).toBe("");
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/Import \d+: 2 created, 0 changed, 0 unchanged/);
    const db = openDb(file);
    try {
      expect(db.$client.prepare("select count(*) from weekly_reports where week = '2021-W10' and status = 'submitted'").pluck().get()).toBe(2);
    } finally {
      db.$client.close();
    }
  });
});
