import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { auditLog, userAreas, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { closeForCopy, countRows, digest, freshDb, ROOT } from "../factories";

describe("database durability", () => {
  it("opens every connection with WAL, synchronous=FULL, foreign keys on and a busy timeout", () => {
    const db = freshDb();
    const p = (name: string) => db.$client.pragma(name, { simple: true });
    expect(p("journal_mode")).toBe("wal");
    expect(p("synchronous")).toBe(2);
    expect(p("foreign_keys")).toBe(1);
    expect(p("busy_timeout")).toBe(5000);
    db.$client.close();
  });

  it("keeps a committed account when the process is killed before closing the database", async () => {
    const file = closeForCopy(freshDb());
    const email = `survivor-${Date.now()}@example.org`;
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "fixtures", "commit-then-hang.ts"), file, email], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("committed")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`child exited (${code}) before committing: ${stderr}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // The commit lives in the write-ahead log that nobody checkpointed.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const db = openDb(file);
    try {
      const row = db.$client.prepare("select id, name, role, password_hash from users where email = ?").get(email) as
        | { id: number; name: string; role: string; password_hash: string }
        | undefined;
      expect(row).toMatchObject({ name: "Survivor", role: "viewer" });
      expect(await verifyPassword(row!.password_hash, "durable-password-123")).toBe(true);
      const audit = db.$client.prepare("select action, actor_label from audit_log where entity_type = 'user' and entity_id = ?").all(String(row!.id));
      expect(audit).toEqual([{ action: "user.create", actor_label: "test:durability" }]);
      expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.$client.close();
    }
  }, 30_000);

  it("a transaction that throws leaves nothing behind", () => {
    const db = freshDb();
    const before = digest(db);
    expect(() =>
      db.transaction(
        (tx) => {
          tx.insert(users).values({ email: "half@example.org", name: "Half", role: "viewer", passwordHash: "x" }).run();
          tx.insert(auditLog).values({ actorLabel: "test", action: "user.create", entityType: "user", entityId: "half" }).run();
          throw new Error("something failed half-way");
        },
        { behavior: "immediate" },
      ),
    ).toThrow("something failed half-way");
    expect(digest(db)).toBe(before);
    db.$client.close();
  });

  it("a constraint failure half-way rolls back the earlier statements too (foreign keys are enforced)", () => {
    const db = freshDb();
    const usersBefore = countRows(db, "users");
    const before = digest(db);
    expect(() =>
      db.transaction(
        (tx) => {
          const u = tx.insert(users).values({ email: "orphan@example.org", name: "O", role: "coordinator", passwordHash: "x" }).returning({ id: users.id }).get();
          tx.insert(userAreas).values({ userId: u.id, areaId: 987654 }).run();
        },
        { behavior: "immediate" },
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(countRows(db, "users")).toBe(usersBefore);
    expect(digest(db)).toBe(before);
    db.$client.close();
  });

  it("check constraints refuse impossible figures at the database level", () => {
    const db = freshDb();
    const area = db.$client.prepare("select id from areas where pcode = 'SY0200'").pluck().get() as number;
    const insert = (week: string, newly: number, repeat: number) =>
      db.$client
        .prepare("insert into weekly_reports (area_id, week, newly_displaced_families, repeat_displaced_families, total_displaced_families) values (?, ?, ?, ?, 0)")
        .run(area, week, newly, repeat);
    expect(() => insert("2020-W04", 10, 11)).toThrow(/CHECK constraint/);
    expect(() => insert("2020-4", 10, 5)).toThrow(/CHECK constraint/);
    expect(() => insert("2020-W04", -1, 0)).toThrow(/CHECK constraint/);
    expect(insert("2020-W04", 6077, 6077).changes).toBe(1);
    expect(() => insert("2020-W04", 1, 1)).toThrow(/UNIQUE/);
    db.$client.close();
  });
});
