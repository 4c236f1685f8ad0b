import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { closeForCopy, freshDb, makeUser, ROOT, TMP } from "../factories";

/*
 * An import killed in the middle of its apply (SIGKILL: no rollback, no close) leaves either all
 * of its reports or none, and an intact database: the whole apply is one transaction.
 */
describe("figures import killed mid-apply", () => {
  it("finds none of the rows after a SIGKILL during the writes, and every row after a completed run", async () => {
    const db = freshDb();
    const admin = await makeUser(db, "admin");
    const file = closeForCopy(db);
    const districts = fs
      .readFileSync(path.join(ROOT, "db", "seed-data", "syria_admin.csv"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("4,"))
      .slice(0, 1500)
      .map((l) => l.split(",")[1]!);
    const csv = path.join(fs.mkdtempSync(path.join(TMP, "kill-")), "big.csv");
    fs.writeFileSync(csv, ["P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families", ...districts.map((p) => `${p},2022-W10,10,0,100`)].join("\n"));

    const run = (killAt: string | null) =>
      new Promise<{ signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "fixtures", "import-then-hang.ts"), file, String(admin.id), csv], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if ((killAt && out.includes(killAt)) || out.includes("committed")) child.kill("SIGKILL");
        });
        child.on("exit", (_code, signal) => resolve({ signal, out, err }));
      });
    const count = () => {
      const c = openDb(file);
      try {
        expect(c.$client.pragma("integrity_check", { simple: true })).toBe("ok");
        return c.$client.prepare("select count(*) from weekly_reports where week = '2022-W10'").pluck().get() as number;
      } finally {
        c.$client.close();
      }
    };

    const killed = await run("written 500");
    expect(killed.err).toBe("");
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.out).not.toContain("committed");
    expect(count()).toBe(0);

    const completed = await run(null);
    expect(completed.out).toContain("committed");
    expect(count()).toBe(districts.length);
  }, 120_000);
});
