/**
 * Property-based tests of the one input schema for weekly figures (form, server action and API):
 * whatever arrives, parsing answers with field errors (never an unhandled exception), a valid
 * body means the same thing as JSON and as a posted form, and a refused API call writes nothing.
 */
import fc from "fast-check";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { handlePutReport } from "@/lib/api/reports";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { catalogues } from "@/lib/i18n/messages";
import { nestFormFields, weeklyReportInput, type WeeklyReportValues } from "@/lib/validation/weekly-report";
import { parseInput } from "@/lib/validation/zod-messages";
import { digest, freshDb, makeUser } from "../factories";

const FIELDS = [
  "newlyDisplacedFamilies",
  "repeatDisplacedFamilies",
  "totalDisplacedFamilies",
  "individuals",
  "sectors",
  "notes",
  "source",
  "status",
  "version",
  "acknowledgeWarnings",
] as const;
const en = createTranslator({ locale: "en", messages: catalogues.en });

/** Parses like lib/ does; returns the output, or the field errors of the AppError it must throw. */
function parse(input: unknown): { ok: true; value: WeeklyReportValues } | { ok: false; fields: Record<string, { key: string; values?: Record<string, string | number> }> } {
  try {
    return { ok: true, value: parseInput(weeklyReportInput, input) };
  } catch (e) {
    if (!(e instanceof AppError)) throw new Error(`not an AppError: ${String(e)}`);
    expect(e.code).toBe("invalid");
    return { ok: false, fields: e.fieldErrors ?? {} };
  }
}

/** Every refusal names fields the body has (or the body as a whole), with a message in the catalogue. */
function expectFieldErrors(fields: Record<string, { key: string; values?: Record<string, string | number> }>) {
  expect(Object.keys(fields).length).toBeGreaterThan(0);
  for (const [field, msg] of Object.entries(fields)) {
    expect(field === "_form" || FIELDS.some((f) => field === f || field.startsWith(`${f}.`)), field).toBe(true);
    expect(en.has(msg.key as never), msg.key).toBe(true);
    expect(() => en(msg.key as never, msg.values as never)).not.toThrow();
  }
}

const count = fc.integer({ min: 0, max: 10_000_000 });
const sectorCode = fc.constantFrom("food_security", "nfi", "shelter");
/** A valid body: repeat ≤ newly, gaps in tenths of a percent. */
const validBody = fc
  .record({
    newly: count,
    repeatShare: fc.double({ min: 0, max: 1, noNaN: true }),
    total: count,
    individuals: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
    sectors: fc.dictionary(sectorCode, fc.record({ tenths: fc.integer({ min: 0, max: 1000 }), need: fc.option(count, { nil: null }) })),
    notes: fc.string({ maxLength: 200 }),
    source: fc.string({ maxLength: 100 }),
    status: fc.constantFrom("draft" as const, "submitted" as const),
  })
  .map((b) => ({
    newlyDisplacedFamilies: b.newly,
    repeatDisplacedFamilies: Math.floor(b.newly * b.repeatShare),
    totalDisplacedFamilies: b.total,
    individuals: b.individuals,
    sectors: Object.fromEntries(Object.entries(b.sectors).map(([code, s]) => [code, { gapPct: s.tenths / 10, familiesInNeed: s.need }])),
    notes: b.notes,
    source: b.source,
    status: b.status,
    version: 0,
  }));

/** A valid body with one field replaced by anything at all: close enough to reach the deeper checks. */
const nearlyValidBody = fc.tuple(validBody, fc.constantFrom(...FIELDS, "sectors.nfi", "sectors.nfi.gapPct", "unknownField"), fc.anything()).map(([body, field, value]) => {
  const out: Record<string, unknown> = { ...body, sectors: { ...body.sectors } };
  if (field.startsWith("sectors.")) {
    const [, code, key] = field.split(".");
    (out.sectors as Record<string, unknown>)[code!] = key ? { gapPct: 50, [key]: value } : value;
  } else out[field] = value;
  return out;
});

describe("weeklyReportInput, whatever arrives", () => {
  it("never throws anything but a field-error AppError, for any value at all", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => weeklyReportInput.safeParse(input)).not.toThrow();
        const r = parse(input);
        if (!r.ok) expectFieldErrors(r.fields);
      }),
      { numRuns: 400 },
    );
  });

  it("reports a nearly valid body's problem on the field that has it", () => {
    fc.assert(
      fc.property(nearlyValidBody, (input) => {
        const r = parse(input);
        if (!r.ok) expectFieldErrors(r.fields);
      }),
      { numRuns: 400 },
    );
  });

  it("refuses repeat displacement above newly displaced, on repeatDisplacedFamilies", () => {
    fc.assert(
      fc.property(validBody, fc.integer({ min: 1, max: 1000 }), (body, extra) => {
        const r = parse({ ...body, repeatDisplacedFamilies: body.newlyDisplacedFamilies + extra });
        if (body.newlyDisplacedFamilies + extra > 10_000_000) return;
        expect(r).toEqual({ ok: false, fields: { repeatDisplacedFamilies: { key: "validation.repeatAboveNew" } } });
      }),
    );
  });
});

describe("a valid body", () => {
  it("parses to exactly its figures (gaps keep their one decimal)", () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const r = parse(body);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toEqual({
          ...body,
          notes: body.notes.trim(),
          source: body.source.trim(),
          acknowledgeWarnings: false,
          keepMine: false,
        });
        for (const [code, s] of Object.entries(r.value.sectors)) expect(Math.round(s.gapPct * 10)).toBe(Math.round(body.sectors[code]!.gapPct * 10));
      }),
      { numRuns: 300 },
    );
  });

  it("means the same posted as a form (flat text fields) as sent as JSON", () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const flat: Record<string, unknown> = {
          newlyDisplacedFamilies: String(body.newlyDisplacedFamilies),
          repeatDisplacedFamilies: String(body.repeatDisplacedFamilies),
          totalDisplacedFamilies: String(body.totalDisplacedFamilies),
          individuals: body.individuals === null ? "" : String(body.individuals),
          notes: body.notes,
          source: body.source,
          status: body.status,
          version: "0",
        };
        for (const [code, s] of Object.entries(body.sectors)) {
          flat[`sectors.${code}.gapPct`] = String(s.gapPct);
          flat[`sectors.${code}.familiesInNeed`] = s.familiesInNeed === null ? "" : String(s.familiesInNeed);
        }
        expect(parse(nestFormFields(flat))).toEqual(parse(body));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the API never writes on a refusal", () => {
  let db: Db;
  let coordinator: Actor;
  beforeAll(async () => {
    db = freshDb();
    coordinator = await makeUser(db, "coordinator", ["SY02"]);
  });
  afterAll(() => db.$client.close());

  it("random and malformed bodies get 2xx or 4xx (never 500, never a throw); a 4xx leaves every table as it was", () => {
    const body = fc.oneof(
      validBody.map((b) => JSON.stringify(b)),
      nearlyValidBody.map((b) => JSON.stringify(b) ?? "undefined"),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
    );
    const pcode = fc.oneof(fc.constantFrom("SY0200", "SY020400", "SY0703", "sy0200"), fc.string({ maxLength: 12 }));
    const week = fc.oneof(fc.constantFrom("2020-W10", "2020W11", "2020-W53", "2021-W53"), fc.string({ maxLength: 10 }));
    const seen = new Set<number>();
    fc.assert(
      fc.property(pcode, week, body, (p, w, b) => {
        const before = digest(db);
        const res = handlePutReport(db, { actor: coordinator, token: null, ip: "192.0.2.1" }, { pcode: p, week: w, body: b });
        seen.add(res.status);
        expect([200, 201, 403, 404, 409, 422]).toContain(res.status);
        if (res.status >= 400) expect(digest(db)).toBe(before);
        else expect(digest(db)).not.toBe(before);
      }),
      { numRuns: 150 },
    );
    // The generators reach the interesting answers, not only one kind of refusal.
    expect([...seen]).toEqual(expect.arrayContaining([201, 404, 422]));
  }, 60_000);
});
