import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import { applyAreaImport, parseAreaCsv, planAreaImport } from "@/lib/area-import";
import {
  countAreas,
  createArea,
  getArea,
  getAreaBreadcrumb,
  listAreaChildren,
  listAssignableAreas,
  listAssignedAreas,
  renameArea,
  subtreeOf,
} from "@/lib/areas";
import type { Actor } from "@/lib/auth/actor";
import type { RowError } from "@/lib/errors";
import { auditSince, digest, expectAppError, freshDb, lastAuditId, makeUser, SYRIA_CSV } from "../factories";

const CSV = fs.readFileSync(SYRIA_CSV, "utf8");
/** The file has Windows line ends; appended lines must use the same, or they run into one record. */
const EOL = CSV.includes("\r\n") ? "\r\n" : "\n";
const lines = (...ls: string[]) => ls.map((l) => l + EOL).join("");
const HEADER = "level,pcode,parent_pcode,name_en,name_ar";
const csvRows = CSV.trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => {
    const [level, pcode, parent] = l.split(",");
    return { level: Number(level), pcode: pcode!, parent: parent || null };
  });

let db: Db;
let admin: Actor;
let viewer: Actor;

/** Areas and audit log, the two tables an import may touch. */
const importDigest = (d: Db) => digest(d, ["areas", "audit_log"]);
const pathOf = (d: Db, pcode: string) => d.select({ path: areas.path }).from(areas).where(eq(areas.pcode, pcode)).get()!.path;
const subtreeCount = (d: Db, pcode: string) =>
  d.select({ n: sql<number>`count(*)` }).from(areas).where(subtreeOf(pathOf(d, pcode))).get()!.n;

beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
  viewer = await makeUser(db, "viewer");
});

describe("the Syrian list loaded at start-up", () => {
  it("has all 2,064 areas: 14 governorates, 62 districts, 272 sub-districts, 1,716 communities", () => {
    expect(countAreas(db, viewer)).toBe(2064);
    const byLevel = db.select({ level: areas.level, n: sql<number>`count(*)` }).from(areas).groupBy(areas.level).all();
    expect(byLevel).toEqual([
      { level: 1, n: 14 },
      { level: 2, n: 62 },
      { level: 3, n: 272 },
      { level: 4, n: 1716 },
    ]);
  });

  it("has the right names, levels and parents (spot checks)", () => {
    expect(getArea(db, viewer, "SY0200")).toMatchObject({ pcode: "SY0200", nameEn: "Jebel Saman", nameAr: "جبل سمعان", level: 2, parentPcode: "SY02" });
    expect(getArea(db, viewer, "c4115")).toMatchObject({ pcode: "C4115", nameEn: "Harim", nameAr: "حارم", level: 4, parentPcode: "SY070300" });
    expect(getArea(db, viewer, "SY02")).toMatchObject({ nameEn: "Aleppo", nameAr: "حلب", level: 1, parentPcode: null });
    expect(getAreaBreadcrumb(db, viewer, "C4115").map((a) => a.pcode)).toEqual(["SY07", "SY0703", "SY070300", "C4115"]);
    expect(() => getArea(db, viewer, "SY9999")).toThrow(expect.objectContaining({ code: "not_found", msg: { key: "errors.areaNotFound" } }));
  });

  it("every parent in the database matches the file", () => {
    const rows = db.$client
      .prepare("select a.pcode, a.level, p.pcode as parent from areas a left join areas p on p.id = a.parent_id")
      .all() as { pcode: string; level: number; parent: string | null }[];
    const inDb = new Map(rows.map((r) => [r.pcode, r]));
    const mismatches = csvRows.filter((r) => inDb.get(r.pcode)?.parent !== r.parent || inDb.get(r.pcode)?.level !== r.level);
    expect(mismatches).toEqual([]);
  });

  it("every materialised path is its parent's path plus its own id", () => {
    const bad = db.$client
      .prepare(
        "select a.pcode from areas a left join areas p on p.id = a.parent_id where a.path != coalesce(p.path, '/') || a.id || '/'",
      )
      .all();
    expect(bad).toEqual([]);
  });

  it("subtreeOf(Aleppo) holds exactly the file's rows under SY02: 1,255 communities, 40 sub-districts, 8 districts and itself", () => {
    const parent = new Map(csvRows.map((r) => [r.pcode, r.parent]));
    const under = (code: string, top: string): boolean => {
      for (let c: string | null | undefined = code; c; c = parent.get(c)) if (c === top) return true;
      return false;
    };
    const expected = csvRows.filter((r) => under(r.pcode, "SY02"));
    expect(expected.filter((r) => r.level === 4)).toHaveLength(1255);
    expect(expected).toHaveLength(1304);
    expect(subtreeCount(db, "SY02")).toBe(expected.length);
    // The prefix range must not leak into siblings whose ids share leading digits.
    const total = ["SY01", "SY02", "SY03", "SY04", "SY05", "SY06", "SY07", "SY08", "SY09", "SY10", "SY11", "SY12", "SY13", "SY14"]
      .map((g) => subtreeCount(db, g))
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(2064);
    expect(subtreeCount(db, "C4115")).toBe(1);
  });

  it("lists children with their child counts, and governorates at the top", () => {
    const top = listAreaChildren(db, viewer, null);
    expect(top).toHaveLength(14);
    expect(top.find((a) => a.pcode === "SY02")).toMatchObject({ nameEn: "Aleppo", childCount: 8 });
    const harim = listAreaChildren(db, viewer, "SY070300");
    expect(harim.map((a) => a.pcode)).toContain("C4115");
    expect(harim.every((a) => a.level === 4 && a.childCount === 0)).toBe(true);
    expect(listAssignableAreas(db, admin)).toHaveLength(14 + 62 + 272);
  });

  it("listAssignedAreas gives a coordinator their areas, others none", async () => {
    const c = await makeUser(db, "coordinator", ["SY0703", "SY02"]);
    expect(listAssignedAreas(db, c).map((a) => a.pcode)).toEqual(["SY02", "SY0703"]);
    expect(listAssignedAreas(db, viewer)).toEqual([]);
  });
});

describe("area import", () => {
  it("planning the same file again finds nothing to change", () => {
    const before = importDigest(db);
    const plan = planAreaImport(db, admin, CSV);
    expect(plan).toMatchObject({ rows: 2064, added: [], renamed: [], moved: [], unchanged: 2064, notInFile: 0 });
    expect(plan.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    // Applying it is a no-op too: nothing written, not even an audit row.
    expect(applyAreaImport(db, admin, CSV, plan.fingerprint).unchanged).toBe(2064);
    expect(importDigest(db)).toBe(before);
  });

  it("a renamed area, a moved community and a new community: previewed, then applied with one audit row", async () => {
    const d = freshDb();
    const admin = await makeUser(d, "admin");
    const file = CSV.replace("4,C4115,SY070300,Harim,حارم", "4,C4115,SY070300,Harem,حارم البلد")
      .replace(/^4,C4116,SY070300,([^\n]*)$/m, "4,C4116,SY070301,$1")
      .concat(lines("4,C9000001,SY070300,Harim New Camp,مخيم حارم الجديد"));
    const moved = csvRows.find((r) => r.pcode === "C4116");
    expect(moved?.parent, "fixture: C4116 is in Harim sub-district").toBe("SY070300");

    const before = importDigest(d);
    const plan = planAreaImport(d, admin, file);
    expect(importDigest(d), "a preview writes nothing").toBe(before);
    expect(plan.added).toEqual([{ pcode: "C9000001", nameEn: "Harim New Camp", nameAr: "مخيم حارم الجديد", level: 4, parentPcode: "SY070300" }]);
    expect(plan.renamed).toEqual([{ pcode: "C4115", from: { nameEn: "Harim", nameAr: "حارم" }, to: { nameEn: "Harem", nameAr: "حارم البلد" } }]);
    expect(plan.moved).toEqual([{ pcode: "C4116", fromParent: "SY070300", toParent: "SY070301" }]);
    expect(plan).toMatchObject({ rows: 2065, unchanged: 2062, notInFile: 0 });

    const auditBefore = lastAuditId(d);
    const harimVersion = getArea(d, admin, "C4115").version;
    applyAreaImport(d, admin, file, plan.fingerprint);
    expect(getArea(d, admin, "C4115")).toMatchObject({ nameEn: "Harem", nameAr: "حارم البلد", version: harimVersion + 1 });
    expect(getArea(d, admin, "C9000001")).toMatchObject({ level: 4, parentPcode: "SY070300", version: 1 });
    expect(pathOf(d, "C9000001")).toBe(`${pathOf(d, "SY070300")}${getArea(d, admin, "C9000001").id}/`);
    expect(getArea(d, admin, "C4116").parentPcode).toBe("SY070301");
    expect(pathOf(d, "C4116").startsWith(pathOf(d, "SY070301"))).toBe(true);
    expect(countAreas(d, admin)).toBe(2065);

    const audit = auditSince(d, auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "area.import",
      entityType: "area",
      actorId: admin.id,
      newValues: { rows: 2065, added: 1, addedPcodes: ["C9000001"], renamed: plan.renamed, moved: plan.moved },
    });
    // And now the same file is a no-op.
    expect(planAreaImport(d, admin, file)).toMatchObject({ added: [], renamed: [], moved: [], unchanged: 2065 });
  });

  it("a file may add a whole new branch with children listed before their parents", async () => {
    const d = freshDb();
    const admin = await makeUser(d, "admin");
    const file = [HEADER, "4,XC0001,XX0100,Camp A,مخيم أ", "3,XX0100,XX01,Sub A,ناحية أ", "2,XX01,XX,District A,منطقة أ", "1,XX,,Country X,بلد س"].join("\n");
    const plan = applyAreaImport(d, admin, file);
    expect(plan.added.map((a) => a.pcode).sort()).toEqual(["XC0001", "XX", "XX01", "XX0100"]);
    expect(plan.notInFile).toBe(2064);
    expect(getAreaBreadcrumb(d, admin, "XC0001").map((a) => a.pcode)).toEqual(["XX", "XX01", "XX0100", "XC0001"]);
    expect(subtreeCount(d, "XX")).toBe(4);
    expect(countAreas(d, admin)).toBe(2068);
  });

  /** A file of the header plus these lines. */
  const small = (...lines: string[]) => [HEADER, ...lines].join("\n") + "\n";
  const errorCases: [string, string, Partial<RowError> & { key: string }][] = [
    ["a wrong header", "lvl,pcode,parent,name_en,name_ar\n4,C9000002,SY070300,X,س\n", { row: 1, column: "-", key: "import.header" }],
    ["a missing column in the header", "level,pcode,parent_pcode,name_en\n", { row: 1, column: "-", key: "import.header" }],
    ["a bad level", small("5,C9000002,SY070300,X,س"), { row: 2, column: "level", key: "import.level" }],
    ["a non-numeric level", small("community,C9000002,SY070300,X,س"), { row: 2, column: "level", key: "import.level" }],
    ["a duplicate P-code", small("4,C9000002,SY070300,X,س", "4,C9000003,SY070300,Y,ص", "4,c9000002,SY070300,Z,ع"), { row: 4, column: "pcode", key: "import.duplicate" }],
    ["an unknown parent", small("4,C9000002,SY9999,X,س"), { row: 2, column: "parent_pcode", key: "validation.parentUnknown" }],
    ["a level that does not follow the parent's", small("3,C9000002,SY070300,X,س"), { row: 2, column: "level", key: "import.levelVsParent" }],
    ["an empty English name", small("4,C9000002,SY070300,,س"), { row: 2, column: "name_en", key: "import.name" }],
    ["an empty Arabic name", small("4,C9000002,SY070300,X,"), { row: 2, column: "name_ar", key: "import.name" }],
    ["too few columns", small("4,C9000002,SY070300,X"), { row: 2, column: "-", key: "import.columnCount" }],
    ["too many columns", small("4,C9000002,SY070300,X,س,extra"), { row: 2, column: "-", key: "import.columnCount" }],
    ["a malformed P-code", small("4,C 9000002,SY070300,X,س"), { row: 2, column: "pcode", key: "validation.pcode" }],
    ["a governorate with a parent", small("1,ZZ,SY02,X,س"), { row: 2, column: "parent_pcode", key: "import.topHasParent" }],
    ["a community without a parent", small("4,C9000002,,X,س"), { row: 2, column: "parent_pcode", key: "import.parentMissing" }],
    ["broken CSV quoting", small('4,C9000002,SY070300,"X,س'), { column: "-", key: "import.csvSyntax" }],
    ["no rows at all", HEADER + "\n", { row: 1, column: "-", key: "import.empty" }],
  ];

  it.each(errorCases)("refuses %s, naming row and column, and writes nothing", async (_label, file, expected) => {
    const before = importDigest(db);
    for (const run of [() => planAreaImport(db, admin, file), () => applyAreaImport(db, admin, file)]) {
      const e = await expectAppError(run, "invalid");
      const { key, ...where } = expected;
      expect(e.rowErrors).toEqual(expect.arrayContaining([expect.objectContaining({ ...where, msg: expect.objectContaining({ key }) })]));
    }
    expect(importDigest(db)).toBe(before);
  });

  it("counts the duplicate's first row and reports every error of a large file, in row order", async () => {
    const file = CSV + lines("4,C4115,SY070300,Harim,حارم", "4,C9000009,SY070300,,س", "5,C9000010,SY07,X,س");
    const before = importDigest(db);
    const e = await expectAppError(() => applyAreaImport(db, admin, file), "invalid");
    expect(e.msg).toEqual({ key: "import.failed", values: { count: 3 } });
    expect(e.rowErrors).toEqual([
      { row: 2066, column: "pcode", msg: { key: "import.duplicate", values: { pcode: "C4115", first: 1853 } } },
      { row: 2067, column: "name_en", msg: { key: "import.name" } },
      { row: 2068, column: "level", msg: { key: "import.level" } },
    ]);
    expect(importDigest(db)).toBe(before);
  });

  it("parses a file saved with a byte-order mark and Windows line ends", () => {
    const { rows, errors } = parseAreaCsv("\uFEFF" + small("4,C9000002,SY070300,X,س").replace(/\n/g, "\r\n"));
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ row: 2, level: 4, pcode: "C9000002", parentPcode: "SY070300", nameEn: "X", nameAr: "س" }]);
  });

  it("refuses to apply a plan that changed since the preview, writing nothing", async () => {
    const d = freshDb();
    const admin = await makeUser(d, "admin");
    const file = CSV.replace("2,SY0200,SY02,Jebel Saman,جبل سمعان", "2,SY0200,SY02,Jebel Sem'an,جبل سمعان");
    expect(file).not.toBe(CSV);
    const preview = planAreaImport(d, admin, file);
    expect(preview.renamed.map((r) => r.pcode)).toEqual(["SY0200"]);
    // Meanwhile another admin renames the same area differently.
    renameArea(d, admin, { pcode: "SY0200", nameEn: "Mount Simeon", nameAr: "جبل سمعان", version: 1 });
    const before = importDigest(d);
    const e = await expectAppError(() => applyAreaImport(d, admin, file, preview.fingerprint), "conflict");
    expect(e.msg.key).toBe("import.changedSincePreview");
    expect(importDigest(d)).toBe(before);
    expect(getArea(d, admin, "SY0200").nameEn).toBe("Mount Simeon");
    // A made-up fingerprint is refused as well.
    await expectAppError(() => applyAreaImport(d, admin, CSV, "0000000000000000"), "conflict");
    expect(importDigest(d)).toBe(before);
  });
});

describe("createArea / renameArea", () => {
  it("creates a community under a sub-district, with its path and an audit row", () => {
    const before = lastAuditId(db);
    const a = createArea(db, admin, { pcode: " c9100001 ", parentPcode: "SY070300", nameEn: "Atmeh Camp 7", nameAr: "مخيم أطمة ٧" });
    expect(a).toMatchObject({ pcode: "C9100001", level: 4, parentPcode: "SY070300", version: 1 });
    expect(a.path).toBe(`${pathOf(db, "SY070300")}${a.id}/`);
    expect(subtreeCount(db, "SY07")).toBeGreaterThan(subtreeCount(db, "SY070300"));
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({
        action: "area.create",
        entityType: "area",
        entityId: "C9100001",
        actorId: admin.id,
        newValues: { pcode: "C9100001", nameEn: "Atmeh Camp 7", nameAr: "مخيم أطمة ٧", parent: "SY070300" },
      }),
    ]);
  });

  it("creates a governorate when no parent is given", () => {
    expect(createArea(db, admin, { pcode: "SY15", parentPcode: "", nameEn: "New governorate", nameAr: "محافظة جديدة" })).toMatchObject({
      level: 1,
      parentPcode: null,
    });
  });

  it.each([
    ["a taken P-code", { pcode: "C4115", parentPcode: "SY070300", nameEn: "X", nameAr: "س" }, "pcode", "validation.pcodeTaken"],
    ["an unknown parent", { pcode: "C9100002", parentPcode: "SY9999", nameEn: "X", nameAr: "س" }, "parentPcode", "validation.parentUnknown"],
    ["a community as parent", { pcode: "C9100003", parentPcode: "C4115", nameEn: "X", nameAr: "س" }, "parentPcode", "validation.parentTooDeep"],
    ["an empty Arabic name", { pcode: "C9100004", parentPcode: "SY070300", nameEn: "X", nameAr: " " }, "nameAr", "validation.required"],
    ["a malformed P-code", { pcode: "9-9", parentPcode: "SY070300", nameEn: "X", nameAr: "س" }, "pcode", "validation.pcode"],
  ])("refuses %s, writing nothing", async (_label, input, field, key) => {
    const before = importDigest(db);
    const e = await expectAppError(() => createArea(db, admin, input), "invalid");
    expect(e.fieldErrors?.[field]?.key).toBe(key);
    expect(importDigest(db)).toBe(before);
  });

  it("renames with the current version, audits old and new names, and refuses a stale version", async () => {
    const cur = getArea(db, admin, "SY070301");
    const before = lastAuditId(db);
    const renamed = renameArea(db, admin, { pcode: "SY070301", nameEn: "Dana (renamed)", nameAr: "الدانا", version: cur.version });
    expect(renamed).toMatchObject({ nameEn: "Dana (renamed)", nameAr: "الدانا", version: cur.version + 1, path: cur.path, parentPcode: cur.parentPcode });
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({
        action: "area.rename",
        entityId: "SY070301",
        oldValues: { nameEn: cur.nameEn, nameAr: cur.nameAr },
        newValues: { nameEn: "Dana (renamed)", nameAr: "الدانا" },
      }),
    ]);

    const snapshot = importDigest(db);
    const e = await expectAppError(() => renameArea(db, admin, { pcode: "SY070301", nameEn: "Stale", nameAr: "قديم", version: cur.version }), "conflict");
    expect(e.msg).toEqual({ key: "errors.areaChanged", values: { nameEn: "Dana (renamed)", nameAr: "الدانا" } });
    expect(importDigest(db)).toBe(snapshot);
    await expectAppError(() => renameArea(db, admin, { pcode: "SY9999", nameEn: "X", nameAr: "س", version: 1 }), "not_found");
  });
});
