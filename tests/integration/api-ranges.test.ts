/**
 * API v1 for min-max rules (GET and PUT /api/v1/ranges/{pcode}), through the functions the route
 * handlers call: admins read and replace an area's own rules; everyone else is refused; a bad body
 * names each bad value and changes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { ApiCaller } from "@/lib/api/caller";
import { handleGetRanges, handlePutRanges } from "@/lib/api/ranges";
import type { Actor } from "@/lib/auth/actor";
import { findApiToken, issueApiToken } from "@/lib/tokens";
import { auditSince, digest, freshDb, lastAuditId, makeUser } from "../factories";

let db: Db;
let admin: Actor;
let coordinator: Actor;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  coordinator = await makeUser(db, "coordinator", ["SY02"]);
});

const as = (actor: Actor | null): ApiCaller => ({ actor, token: null, ip: "203.0.113.9" });
const get = (actor: Actor | null, pcode: string, query = "") => handleGetRanges(db, actor, pcode, new URLSearchParams(query));
const put = (caller: ApiCaller, pcode: string, body: unknown) => handlePutRanges(db, caller, { pcode, body: typeof body === "string" ? body : JSON.stringify(body) });
type RulesBody = { changed?: number; area: { pcode: string }; rules: { field: string; own: { min: number | null; max: number | null } | null; inherited: { min: number | null; max: number | null } | null }[] };
const rule = (body: unknown, field: string) => (body as RulesBody).rules.find((r) => r.field === field)!;
type ErrorBody = { error: { code: string; fields: Record<string, string> } };

describe("GET and PUT /api/v1/ranges/{pcode}", () => {
  it("lets an admin replace an area's own rules and read them back, inherited below it, audited", () => {
    const before = lastAuditId(db);
    const res = put(as(admin), "SY02", { rules: { newlyDisplacedFamilies: { min: 0, max: 9000 }, "sectors.shelter.gapPct": { max: 95.5 } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as RulesBody).changed).toBe(2);
    expect(rule(res.body, "newlyDisplacedFamilies").own).toMatchObject({ min: 0, max: 9000 });
    expect(rule(res.body, "sectors.shelter.gapPct").own).toMatchObject({ min: null, max: 95.5 });
    // A district of Aleppo inherits them.
    const district = get(admin, "SY0200");
    expect(district.status).toBe(200);
    expect(rule(district.body, "newlyDisplacedFamilies")).toMatchObject({ own: null, inherited: { min: 0, max: 9000 } });
    expect(auditSince(db, before).map((a) => [a.action, a.entityId])).toEqual([["range_rule.set", "SY02"]]);

    // PUT replaces: a figure left out has no rule of its own any more.
    const again = put(as(admin), "SY02", { rules: { newlyDisplacedFamilies: { min: 0, max: 9000 } } });
    expect((again.body as RulesBody).changed).toBe(1);
    expect(rule(again.body, "sectors.shelter.gapPct").own).toBeNull();
  });

  it("refuses everyone but admins, and a read-only token's write", () => {
    const { token } = issueApiToken(db, { label: "test" }, admin.id, { name: "read", days: 1, scope: "read" });
    const found = findApiToken(db, token)!;
    const before = digest(db);
    expect(get(coordinator, "SY02").status).toBe(403);
    expect(get(null, "SY02").status).toBe(401);
    expect(put(as(coordinator), "SY02", { rules: {} }).status).toBe(403);
    expect(put(as(null), "SY02", { rules: {} }).status).toBe(401);
    expect(put({ actor: admin, token: found, ip: "203.0.113.9" }, "SY02", { rules: {} }).status).toBe(403);
    expect(get(admin, "SY9999").status).toBe(404);
    expect(digest(db)).toBe(before);
  });

  it("names each bad value of a bad body, and changes nothing", () => {
    const before = digest(db);
    const res = put(as(admin), "SY02", {
      rules: {
        newlyDisplacedFamilies: { min: 50, max: 10 },
        totalDisplacedFamilies: { max: "many" },
        "sectors.nfi.gapPct": { max: 140 },
        "sectors.unknown.gapPct": { max: 1 },
        repeatDisplacedFamilies: { ceiling: 3 },
      },
    });
    expect(res.status).toBe(422);
    const fields = (res.body as ErrorBody).error.fields;
    expect(fields).toEqual({
      "rules.totalDisplacedFamilies.max": "validation.invalidType",
      "rules.sectors.unknown.gapPct": "validation.flagField",
      "rules.repeatDisplacedFamilies": "validation.unknownKeys",
    });
    expect(digest(db)).toBe(before);
    // Past the body's own checks, the rules form's: min above max, a gap above 100, named as the body names them.
    const bounds = put(as(admin), "SY02", { rules: { newlyDisplacedFamilies: { min: 50, max: 10 }, "sectors.nfi.gapPct": { max: 140 } } });
    expect(bounds.status).toBe(422);
    expect((bounds.body as ErrorBody).error.fields).toEqual({ "rules.newlyDisplacedFamilies.max": "validation.maxBelowMin", "rules.sectors.nfi.gapPct.max": "validation.tooBig" });
    for (const body of ["not json", "[]", JSON.stringify({ rules: [1] }), JSON.stringify({})]) expect(put(as(admin), "SY02", body).status).toBe(422);
    expect(digest(db)).toBe(before);
  });
});
