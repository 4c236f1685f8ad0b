/**
 * API v1 for figure imports (POST /api/v1/imports, DELETE /api/v1/imports/{id}), through the
 * functions the route handlers call and the Response the route turns their result into: the
 * dry run's answer is streamed (lib/api/json-stream.ts), so it is read back as a client would.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { toResponse } from "@/lib/api/http";
import { handleDeleteImport, handlePostImport } from "@/lib/api/imports";
import type { ApiResult } from "@/lib/api/respond";
import type { Actor } from "@/lib/auth/actor";
import { addWeeks } from "@/lib/weeks";
import { digest, freshDb, makeUser, SYRIA_CSV } from "../factories";

const HEAD = "P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families,Food security gap %";

let db: Db;
let coordinator: Actor;

beforeAll(async () => {
  db = freshDb();
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
});

const post = (query: Record<string, string>, csv: string, who: Actor = coordinator) =>
  handlePostImport(db, { actor: who, token: null, ip: "203.0.113.1" }, { query: new URLSearchParams(query), contentType: "text/csv", body: new TextEncoder().encode(csv) });
/** The body as a client reads it off the wire. */
const bodyOf = async (r: ApiResult) => (await toResponse(r).json()) as Record<string, unknown>;

type DryRun = {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errors: { row: number; column: string; key: string; message: string }[];
  warnings: { row: number; pcode: string; week: string; key: string }[];
  items: { row: number; pcode: string; week: string; action: string; version: number; changes: unknown[] }[];
  mapping: { layout: string; columns: { index: number; field: string | null }[] };
  fingerprint: string;
};

describe("POST /api/v1/imports?dryRun=true", () => {
  it("answers the plan as JSON, with every report and warning, and writes nothing", async () => {
    const before = digest(db);
    const csv = `${HEAD}\nSY0200,2021-W10,10,0,100,40\nSY0200,2021-W11,100,0,190,50\nSY0202,2021-W10,5,0,50,x\n`;
    const res = await post({ dryRun: "true", status: "submitted" }, csv);
    expect(res.status).toBe(200);
    expect(toResponse(res).headers.get("content-type")).toBe("application/json");
    const plan = (await bodyOf(res)) as DryRun;
    expect(plan).toMatchObject({ rows: 3, create: 2, update: 0, unchanged: 0, mapping: { layout: "wide" } });
    expect(plan.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(plan.items.map((i) => [i.row, i.pcode, i.week, i.action, i.version])).toEqual([
      [2, "SY0200", "2021-W10", "create", 0],
      [3, "SY0200", "2021-W11", "create", 0],
    ]);
    // Ten times last week's newly displaced: the form's 3× warning, on the file's row 3.
    expect(plan.warnings.some((w) => w.row === 3 && w.pcode === "SY0200" && w.week === "2021-W11")).toBe(true);
    expect(plan.errors).toEqual([expect.objectContaining({ row: 4, column: "Food security gap %" })]);
    expect(plan.errors[0]!.message.length).toBeGreaterThan(0);
    expect(digest(db)).toBe(before);
  });

  it("streams a long plan in slices that read back as one JSON document", async () => {
    const communities = fs
      .readFileSync(SYRIA_CSV, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("4,") && l.split(",")[2]!.startsWith("SY02"))
      .map((l) => l.split(",")[1]!)
      .slice(0, 700);
    const rows = communities.flatMap((p, i) => [`${p},2021-W20,${10 + (i % 9)},0,${100 + i},40`, `${p},2021-W21,${10 + (i % 9)},0,${100 + i},45`]);
    const res = await post({ dryRun: "true" }, `${HEAD}\n${rows.join("\n")}\n`);
    const plan = (await bodyOf(res)) as DryRun;
    expect(plan.rows).toBe(rows.length);
    expect(plan.create).toBe(rows.length);
    expect(plan.items).toHaveLength(rows.length);
    expect(new Set(plan.items.map((i) => `${i.pcode} ${i.week}`)).size).toBe(rows.length);
    expect(plan.items.at(-1)).toMatchObject({ row: rows.length + 1, pcode: communities.at(-1), week: "2021-W21" });
  });
});

describe("POST /api/v1/imports (apply) and DELETE /api/v1/imports/{id}", () => {
  const week = "2021-W30";
  const csv = `${HEAD}\nSY0200,${week},10,0,100,40\nSY0202,${week},20,0,200,60\n`;

  it("applies with the dry run's fingerprint, refuses a stale one, and undoes", async () => {
    const plan = (await bodyOf(await post({ dryRun: "true" }, csv))) as DryRun;
    const stale = plan.fingerprint.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const beforeStale = digest(db);
    const conflict = await post({ fingerprint: stale, status: "submitted" }, csv);
    expect(conflict.status).toBe(409);
    expect(digest(db)).toBe(beforeStale);

    const applied = await post({ fingerprint: plan.fingerprint, status: "submitted" }, csv);
    expect(applied.status).toBe(201);
    const { import: done } = (await bodyOf(applied)) as { import: { id: number; created: number; rows: number } };
    expect(done).toMatchObject({ created: 2, rows: 2 });

    // The same file again: nothing to change.
    const again = (await bodyOf(await post({ dryRun: "true", status: "submitted" }, csv))) as DryRun;
    expect(again).toMatchObject({ create: 0, unchanged: 2 });

    const undone = handleDeleteImport(db, { actor: coordinator, token: null, ip: "203.0.113.1" }, String(done.id));
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({ undone: { restored: 0, removed: 2 } });
    expect(handleDeleteImport(db, { actor: coordinator, token: null, ip: "203.0.113.1" }, String(done.id)).status).toBe(409);
    expect(handleDeleteImport(db, { actor: coordinator, token: null, ip: "203.0.113.1" }, "nope").status).toBe(404);
  });

  it("refuses a file with a bad row as 422, every row named, and writes nothing", async () => {
    const before = digest(db);
    const res = await post({ status: "submitted" }, `${HEAD}\nSY0200,${addWeeks(week, 2)},10,0,100,40\nSY9999,${addWeeks(week, 2)},10,0,100,40\nSY0200,2021-W99,1,0,1,1\n`);
    expect(res.status).toBe(422);
    const body = (await bodyOf(res)) as { error: { key: string }; errors: { row: number; column: string; key: string }[] };
    expect(body.error.key).toBe("figuresImport.refused");
    expect(body.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [3, "P-code", "figuresImport.row.unknownPcode"],
      [4, "Week", "figuresImport.row.badWeek"],
    ]);
    expect(digest(db)).toBe(before);
  });

  it("refuses a bad query as 422 and a file from outside the caller's areas row by row", async () => {
    expect((await post({ dryRun: "maybe" }, csv)).status).toBe(422);
    const outside = (await bodyOf(await post({ dryRun: "true" }, `${HEAD}\nSY0301,${week},1,0,1,1\n`))) as DryRun;
    expect(outside.errors.map((e) => e.key)).toEqual(["figuresImport.row.notYourArea"]);
  });
});
