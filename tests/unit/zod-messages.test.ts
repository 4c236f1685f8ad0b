import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { catalogues } from "@/lib/i18n/messages";
import { issueToMsg, parseInput, zodFieldErrors } from "@/lib/validation/zod-messages";
import { ROOT } from "../factories";

/** The message the first issue of a failed parse maps to (issues carry their input, as in parseInput and in a form's error map). */
function msgFor(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return issueToMsg(r.error.issues[0]!);
}

describe("issueToMsg", () => {
  it.each([
    ["missing value", z.string(), undefined, { key: "validation.required" }],
    ["null", z.string(), null, { key: "validation.required" }],
    ["empty required string", z.string().min(1), "", { key: "validation.required" }],
    ["wrong type", z.string(), 5, { key: "validation.invalidType", values: { expected: "string" } }],
    ["too short", z.string().min(12), "abc", { key: "validation.tooShort", values: { minimum: 12 } }],
    ["too long", z.string().max(3), "abcd", { key: "validation.tooLong", values: { maximum: 3 } }],
    ["number too small", z.number().min(0), -1, { key: "validation.tooSmall", values: { minimum: 0 } }],
    ["number too big", z.number().max(100), 101, { key: "validation.tooBig", values: { maximum: 100 } }],
    ["e-mail", z.email(), "not-an-email", { key: "validation.email" }],
    ["other format", z.iso.date(), "20 Jan", { key: "validation.format" }],
    ["enum", z.enum(["admin", "viewer"]), "root", { key: "validation.oneOf", values: { options: "admin, viewer" } }],
    ["unknown keys", z.strictObject({ a: z.string() }), { a: "x", b: 1 }, { key: "validation.unknownKeys", values: { keys: "b" } }],
    ["key set by the schema", z.string().regex(/^x$/, { message: "validation.pcode" }), "y", { key: "validation.pcode" }],
    ["refinement without a key", z.string().refine((s) => s === "x", "free text"), "y", { key: "validation.invalid" }],
  ])("%s", (_label, schema, input, expected) => {
    expect(msgFor(schema, input)).toEqual(expected);
  });
});

describe("parseInput / zodFieldErrors", () => {
  const schema = z
    .object({ name: z.string().trim().min(1), age: z.coerce.number().int().min(0), tags: z.array(z.string().min(2)) })
    .refine((v) => v.name !== "root", { message: "validation.invalid" });

  it("returns the parsed value", () => {
    expect(parseInput(schema, { name: " Amal ", age: "34", tags: ["ab"] })).toEqual({ name: "Amal", age: 34, tags: ["ab"] });
  });

  it("throws AppError(invalid) with one message per field, nested paths joined by dots", () => {
    let err: unknown;
    try {
      parseInput(schema, { name: "", age: -3, tags: ["ok", "x"] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe("invalid");
    expect(e.status).toBe(422);
    expect(e.msg).toEqual({ key: "errors.invalid" });
    expect(e.fieldErrors).toEqual({
      name: { key: "validation.required" },
      age: { key: "validation.tooSmall", values: { minimum: 0 } },
      "tags.1": { key: "validation.tooShort", values: { minimum: 2 } },
    });
  });

  it("tells a missing value from a value of the wrong type", () => {
    const form = z.object({ count: z.coerce.number().int(), name: z.string() });
    const fieldErrors = (input: unknown) => {
      try {
        parseInput(form, input);
      } catch (e) {
        return (e as AppError).fieldErrors;
      }
      throw new Error("expected a failure");
    };
    expect(fieldErrors({ count: "abc" })).toEqual({
      count: { key: "validation.invalidType", values: { expected: "number" } },
      name: { key: "validation.required" },
    });
    expect(fieldErrors({ count: 3, name: 7 })).toEqual({ name: { key: "validation.invalidType", values: { expected: "string" } } });
  });

  it("puts whole-object issues under _form and keeps only the first issue of a field", () => {
    const r = z
      .object({ a: z.string().min(3).regex(/^\d+$/) })
      .refine(() => false, { message: "validation.passwordsDiffer" })
      .safeParse({ a: "x" });
    expect(r.success).toBe(false);
    // zod 4 still runs the object refinement when a field failed, so the form-level message shows too.
    expect(zodFieldErrors(r.error!)).toEqual({
      a: { key: "validation.tooShort", values: { minimum: 3 } },
      _form: { key: "validation.passwordsDiffer" },
    });
    const whole = z.object({ a: z.string() }).refine(() => false, { message: "validation.passwordsDiffer" }).safeParse({ a: "x" });
    expect(zodFieldErrors(whole.error!)).toEqual({ _form: { key: "validation.passwordsDiffer" } });
  });
});

/** All .ts files under a directory. */
function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts"))
    .map((d) => path.join(d.parentPath, d.name));
}

/** Blanks out comments (keeping line numbers) so that an example key in a comment is not taken for a real one. */
function stripComments(source: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  return source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[^:"'])\/\/[^\n]*/g, (m, pre: string) => pre + blank(m.slice(pre.length)));
}

function resolveKey(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), messages);
}

/** Every catalogue key written as a literal in lib/, with where it is used. */
function libKeys(): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const file of tsFiles(path.join(ROOT, "lib"))) {
    stripComments(fs.readFileSync(file, "utf8"))
      .split("\n")
      .forEach((line, i) => {
        for (const m of line.matchAll(/"((?:errors|validation|import|auth)\.[A-Za-z.]+)"/g)) {
          const where = `${path.relative(ROOT, file)}:${i + 1}`;
          keys.set(m[1]!, [...(keys.get(m[1]!) ?? []), where]);
        }
      });
  }
  return keys;
}

describe("catalogue keys produced by lib/", () => {
  const keys = libKeys();

  it("the scan finds the keys lib/ is known to throw", () => {
    for (const k of ["errors.forbidden", "errors.unauthenticated", "validation.required", "validation.pcode", "import.header", "errors.lastAdmin"])
      expect(keys.has(k), k).toBe(true);
  });

  it.each(["en", "ar"] as const)("every key resolves to a non-empty message in %s", (locale) => {
    const missing = [...keys]
      .filter(([k]) => {
        const v = resolveKey(catalogues[locale], k);
        return typeof v !== "string" || v.trim() === "";
      })
      .map(([k, where]) => `${k} (${where[0]})`);
    expect(missing, `missing in messages/${locale}: ${missing.join(", ")}`).toEqual([]);
  });
});
