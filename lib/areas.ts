import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import type { Actor } from "./auth/actor";
import { requireActor, requireRole } from "./auth/authorize";
import { writeAudit, type Tx } from "./audit";
import { conflict, invalid, notFound } from "./errors";
import { areaCreateInput, areaRenameInput, type AreaCreateInput, type AreaRenameInput } from "./validation/areas";
import { pcodeFromParam } from "./validation/pcode-param";
import { parseInput } from "./validation/zod-messages";

export type AreaSummary = { id: number; pcode: string; nameEn: string; nameAr: string; level: number };
export type AreaDetail = AreaSummary & { parentPcode: string | null; path: string; version: number };

const summaryCols = { id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level };

/** An area as the rest of lib/ needs it: who it is and where it sits (its materialised path). */
export type AreaWithPath = AreaSummary & { path: string };

/**
 * The one lookup of an area by P-code. Lower case is the same code written loosely; anything
 * that is not ASCII letters and digits is no code at all (never trimmed of NUL or folded from "ſ"
 * into "S"), so it is "not found" like an unknown code.
 */
export function findAreaByPcode(tx: Tx, pcode: unknown): AreaWithPath {
  const code = typeof pcode === "string" ? pcodeFromParam(pcode.trim()) : null;
  const row = code === null ? undefined : tx.select({ ...summaryCols, path: areas.path }).from(areas).where(eq(areas.pcode, code)).get();
  if (!row) throw notFound("errors.areaNotFound");
  return row;
}

/** Condition for "this area and everything below it", as an index range on `path`. */
export function subtreeOf(path: string) {
  return and(gte(areas.path, path), lt(areas.path, path.slice(0, -1) + "0"));
}

export function getArea(db: Db, actor: Actor | null, code: string): AreaDetail {
  requireActor(actor);
  const { id } = findAreaByPcode(db, code);
  const row = db
    .select({ ...summaryCols, path: areas.path, version: areas.version, parentId: areas.parentId })
    .from(areas)
    .where(eq(areas.id, id))
    .get()!;
  const parent =
    row.parentId === null ? null : db.select({ pcode: areas.pcode }).from(areas).where(eq(areas.id, row.parentId)).get();
  return {
    id: row.id,
    pcode: row.pcode,
    nameEn: row.nameEn,
    nameAr: row.nameAr,
    level: row.level,
    path: row.path,
    version: row.version,
    parentPcode: parent?.pcode ?? null,
  };
}

/** Ancestors from the top down, the area itself last. */
export function getAreaBreadcrumb(db: Db, actor: Actor | null, code: string): AreaSummary[] {
  const area = getArea(db, actor, code);
  const ids = area.path.split("/").filter(Boolean).map(Number);
  const rows = db.select(summaryCols).from(areas).where(inArray(areas.id, ids)).all();
  return rows.sort((a, b) => a.level - b.level);
}

/** Children of an area (or the governorates when `parent` is null), with how many children each has. */
export function listAreaChildren(db: Db, actor: Actor | null, parent: string | null) {
  requireActor(actor);
  let parentId: number | null = null;
  if (parent) {
    const p = db.select({ id: areas.id }).from(areas).where(eq(areas.pcode, parent.toUpperCase())).get();
    if (!p) throw notFound("errors.areaNotFound");
    parentId = p.id;
  }
  // Qualified by hand: drizzle renders ${areas.id} as a bare "id", which inside the subquery means c.id.
  const child = sql`(select count(*) from areas c where c.parent_id = "areas"."id")`.mapWith(Number);
  return db
    .select({ ...summaryCols, version: areas.version, childCount: child })
    .from(areas)
    .where(parentId === null ? isNull(areas.parentId) : eq(areas.parentId, parentId))
    .orderBy(asc(areas.pcode))
    .all();
}

/** Governorates, districts and sub-districts: what an admin picks from when assigning coordinators. */
export function listAssignableAreas(db: Db, actor: Actor | null) {
  requireRole(actor, "admin");
  return db
    .select({ ...summaryCols, parentId: areas.parentId })
    .from(areas)
    .where(sql`${areas.level} <= 3`)
    .orderBy(asc(areas.path))
    .all();
}

export function countAreas(db: Db, actor: Actor | null): number {
  requireActor(actor);
  return db.select({ n: sql<number>`count(*)` }).from(areas).get()!.n;
}

export function createArea(db: Db, actor: Actor | null, input: AreaCreateInput): AreaDetail {
  const admin = requireRole(actor, "admin");
  const data = parseInput(areaCreateInput, input);
  db.transaction(
    (tx) => {
      if (tx.select({ id: areas.id }).from(areas).where(eq(areas.pcode, data.pcode)).get())
        throw invalid({ pcode: { key: "validation.pcodeTaken", values: { pcode: data.pcode } } });
      let parent: { id: number; level: number; path: string } | undefined;
      if (data.parentPcode) {
        parent = tx
          .select({ id: areas.id, level: areas.level, path: areas.path })
          .from(areas)
          .where(eq(areas.pcode, data.parentPcode))
          .get();
        if (!parent) throw invalid({ parentPcode: { key: "validation.parentUnknown", values: { pcode: data.parentPcode } } });
        if (parent.level >= 4) throw invalid({ parentPcode: { key: "validation.parentTooDeep" } });
      }
      const inserted = tx
        .insert(areas)
        .values({
          pcode: data.pcode,
          nameEn: data.nameEn,
          nameAr: data.nameAr,
          level: parent ? parent.level + 1 : 1,
          parentId: parent?.id ?? null,
          path: "/",
        })
        .returning({ id: areas.id })
        .get();
      tx.update(areas)
        .set({ path: `${parent?.path ?? "/"}${inserted.id}/` })
        .where(eq(areas.id, inserted.id))
        .run();
      writeAudit(tx, admin, {
        action: "area.create",
        entityType: "area",
        entityId: data.pcode,
        newValues: { pcode: data.pcode, nameEn: data.nameEn, nameAr: data.nameAr, parent: data.parentPcode || null },
      });
    },
    { behavior: "immediate" },
  );
  return getArea(db, actor, data.pcode);
}

export function renameArea(db: Db, actor: Actor | null, input: AreaRenameInput): AreaDetail {
  const admin = requireRole(actor, "admin");
  const data = parseInput(areaRenameInput, input);
  db.transaction(
    (tx) => {
      const current = tx
        .select({ id: areas.id, nameEn: areas.nameEn, nameAr: areas.nameAr, version: areas.version })
        .from(areas)
        .where(eq(areas.pcode, data.pcode))
        .get();
      if (!current) throw notFound("errors.areaNotFound");
      if (current.version !== data.version)
        throw conflict({ key: "errors.areaChanged", values: { nameEn: current.nameEn, nameAr: current.nameAr } });
      tx.update(areas)
        .set({
          nameEn: data.nameEn,
          nameAr: data.nameAr,
          version: current.version + 1,
          updatedAt: new Date().toISOString(),
        })
        .where(eq(areas.id, current.id))
        .run();
      writeAudit(tx, admin, {
        action: "area.rename",
        entityType: "area",
        entityId: data.pcode,
        oldValues: { nameEn: current.nameEn, nameAr: current.nameAr },
        newValues: { nameEn: data.nameEn, nameAr: data.nameAr },
      });
    },
    { behavior: "immediate" },
  );
  return getArea(db, actor, data.pcode);
}

/** The areas assigned to the acting coordinator (their reporting scope), with names. */
export function listAssignedAreas(db: Db, actor: Actor | null): AreaSummary[] {
  const me = requireActor(actor);
  if (!me.areas.length) return [];
  return db
    .select(summaryCols)
    .from(areas)
    .where(inArray(areas.id, me.areas.map((a) => a.id)))
    .orderBy(asc(areas.pcode))
    .all();
}
