import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areaWeekSectorFigures, reportSectorGaps, sectors } from "@/db/schema";
import { writeAudit, type AuditActor, type Tx } from "./audit";
import type { Actor } from "./auth/actor";
import { requireRole } from "./auth/authorize";
import { conflict, invalid, notFound } from "./errors";
import {
  sectorActiveInput,
  sectorCreateInput,
  sectorMoveInput,
  sectorUpdateInput,
  type SectorActiveInput,
  type SectorCreateInput,
  type SectorMoveInput,
  type SectorUpdateInput,
} from "./validation/sectors";
import { parseInput } from "./validation/zod-messages";

export const DEFAULT_SECTORS = [
  { code: "food_security", nameEn: "Food security", nameAr: "الأمن الغذائي", sortOrder: 1 },
  { code: "nfi", nameEn: "Non-food items", nameAr: "المواد غير الغذائية", sortOrder: 2 },
  { code: "shelter", nameEn: "Shelter", nameAr: "المأوى", sortOrder: 3 },
] as const;

/** `hxl`: the attribute of the sector's export columns (`#indicator+gap+pct+<hxl>`). */
export type SectorInfo = { id: number; code: string; nameEn: string; nameAr: string; hxl: string };

const infoCols = { id: sectors.id, code: sectors.code, nameEn: sectors.nameEn, nameAr: sectors.nameAr, hxlAttribute: sectors.hxlAttribute };
const toInfo = (s: { id: number; code: string; nameEn: string; nameAr: string; hxlAttribute: string | null }): SectorInfo => ({
  id: s.id,
  code: s.code,
  nameEn: s.nameEn,
  nameAr: s.nameAr,
  // Sectors from before the attribute existed exported their code: they keep doing so.
  hxl: s.hxlAttribute ?? s.code,
});

/** Active sectors in display order: what new entry offers (no actor: every caller has checked its own). */
export function activeSectors(db: Pick<Db, "select">): SectorInfo[] {
  return db.select(infoCols).from(sectors).where(eq(sectors.active, true)).orderBy(asc(sectors.sortOrder), asc(sectors.code)).all().map(toInfo);
}

/**
 * THE SECTORS SHOWN FOR WEEKS `from`…`to` (docs/decisions/058): the active ones, and the retired
 * ones that have a counted figure in those weeks, in display order. Every read of past figures
 * (rollups, area pages, the gap report, the map, exports) takes its sectors from here, so retiring
 * a sector removes it from new entry without removing it from its own history. Drafts never count
 * in figures, and a submitted report's gaps always do, so the figures are the whole answer.
 */
export function sectorsShownForWeeks(db: Pick<Db, "select">, from: string, to: string = from): SectorInfo[] {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  const all = db
    .select({ ...infoCols, active: sectors.active })
    .from(sectors)
    .orderBy(asc(sectors.sortOrder), asc(sectors.code))
    .all();
  // One indexed seek per retired sector (area_week_sector_figures_sector_week_idx); none while all are active.
  const hasFigures = (id: number) =>
    !!db
      .select({ id: areaWeekSectorFigures.sectorId })
      .from(areaWeekSectorFigures)
      .where(and(eq(areaWeekSectorFigures.sectorId, id), gte(areaWeekSectorFigures.week, lo), lte(areaWeekSectorFigures.week, hi)))
      .limit(1)
      .get();
  return all.filter((s) => s.active || hasFigures(s.id)).map(toInfo);
}

/** Adds the three starting sectors where missing (idempotent: start-up runs it every time). */
export function ensureDefaultSectors(db: Db, who: AuditActor): number {
  return db.transaction(
    (tx) => {
      let added = 0;
      for (const s of DEFAULT_SECTORS) {
        if (tx.select({ id: sectors.id }).from(sectors).where(eq(sectors.code, s.code)).get()) continue;
        tx.insert(sectors).values(s).run();
        writeAudit(tx, who, { action: "sector.create", entityType: "sector", entityId: s.code, newValues: s });
        added++;
      }
      return added;
    },
    { behavior: "immediate" },
  );
}

export type SectorAdminRow = SectorInfo & { hxlAttribute: string; active: boolean; sortOrder: number; version: number; reports: number };

/** Every sector, retired ones too, for the admin's sectors page: with how many reports gave it a gap. */
export function listSectorsForAdmin(db: Db, actor: Actor | null): SectorAdminRow[] {
  requireRole(actor, "admin");
  const used = new Map(
    db
      .select({ id: reportSectorGaps.sectorId, n: sql<number>`count(*)` })
      .from(reportSectorGaps)
      .groupBy(reportSectorGaps.sectorId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  return db
    .select({ ...infoCols, active: sectors.active, sortOrder: sectors.sortOrder, version: sectors.version })
    .from(sectors)
    .orderBy(asc(sectors.sortOrder), asc(sectors.code))
    .all()
    .map((r) => ({ ...toInfo(r), hxlAttribute: r.hxlAttribute ?? r.code, active: r.active, sortOrder: r.sortOrder, version: r.version, reports: used.get(r.id) ?? 0 }));
}

function sectorRow(tx: Tx, code: string) {
  const row = tx.select().from(sectors).where(eq(sectors.code, code)).get();
  if (!row) throw notFound("errors.sectorNotFound");
  return row;
}

/** The HXL attribute names the sector's columns in every export: two sectors sharing one would merge in HXL tools. */
function requireFreeHxl(tx: Tx, hxl: string, exceptId: number | null) {
  const clash = tx
    .select({ id: sectors.id, code: sectors.code, hxl: sectors.hxlAttribute })
    .from(sectors)
    .all()
    .find((s) => s.id !== exceptId && (s.hxl ?? s.code) === hxl);
  if (clash) throw invalid({ hxlAttribute: { key: "validation.hxlAttributeTaken", values: { code: clash.code } } });
}

/** Adds a sector at the end of the list: the entry form, the API, imports and summaries offer it at once. */
export function createSector(db: Db, actor: Actor | null, input: SectorCreateInput): SectorAdminRow {
  const admin = requireRole(actor, "admin");
  const data = parseInput(sectorCreateInput, input);
  db.transaction(
    (tx) => {
      if (tx.select({ id: sectors.id }).from(sectors).where(eq(sectors.code, data.code)).get())
        throw invalid({ code: { key: "validation.sectorCodeTaken", values: { code: data.code } } });
      requireFreeHxl(tx, data.hxlAttribute, null);
      const last = tx.select({ n: sql<number>`coalesce(max(${sectors.sortOrder}), 0)` }).from(sectors).get()!.n;
      const values = { code: data.code, nameEn: data.nameEn, nameAr: data.nameAr, hxlAttribute: data.hxlAttribute, sortOrder: last + 1 };
      tx.insert(sectors).values(values).run();
      writeAudit(tx, admin, { action: "sector.create", entityType: "sector", entityId: data.code, newValues: values });
    },
    { behavior: "immediate" },
  );
  return listSectorsForAdmin(db, actor).find((s) => s.code === data.code)!;
}

/** Renames a sector or changes its HXL attribute; `version` is the one the admin saw. The code never changes (files and the API name it). */
export function updateSector(db: Db, actor: Actor | null, input: SectorUpdateInput): SectorAdminRow {
  const admin = requireRole(actor, "admin");
  const data = parseInput(sectorUpdateInput, input);
  db.transaction(
    (tx) => {
      const row = sectorRow(tx, data.code);
      if (row.version !== data.version) throw conflict({ key: "errors.sectorChanged", values: { nameEn: row.nameEn, nameAr: row.nameAr } });
      requireFreeHxl(tx, data.hxlAttribute, row.id);
      const before = { nameEn: row.nameEn, nameAr: row.nameAr, hxlAttribute: row.hxlAttribute ?? row.code };
      const after = { nameEn: data.nameEn, nameAr: data.nameAr, hxlAttribute: data.hxlAttribute };
      tx.update(sectors)
        .set({ ...after, version: row.version + 1 })
        .where(eq(sectors.id, row.id))
        .run();
      writeAudit(tx, admin, { action: "sector.update", entityType: "sector", entityId: row.code, oldValues: before, newValues: after });
    },
    { behavior: "immediate" },
  );
  return listSectorsForAdmin(db, actor).find((s) => s.code === data.code)!;
}

/** Swaps a sector with its neighbour in the display order (forms, tables, exports follow it). */
export function moveSector(db: Db, actor: Actor | null, input: SectorMoveInput): SectorAdminRow[] {
  const admin = requireRole(actor, "admin");
  const data = parseInput(sectorMoveInput, input);
  db.transaction(
    (tx) => {
      sectorRow(tx, data.code);
      const list = tx.select({ id: sectors.id, code: sectors.code, sortOrder: sectors.sortOrder, version: sectors.version }).from(sectors).orderBy(asc(sectors.sortOrder), asc(sectors.code)).all();
      const i = list.findIndex((s) => s.code === data.code);
      const j = data.direction === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= list.length) return;
      [list[i], list[j]] = [list[j]!, list[i]!];
      // Renumbered 1…n, so that equal or sparse orders from older data settle into one.
      list.forEach((s, k) => {
        if (s.sortOrder !== k + 1) tx.update(sectors).set({ sortOrder: k + 1, version: s.version + 1 }).where(eq(sectors.id, s.id)).run();
      });
      writeAudit(tx, admin, {
        action: "sector.move",
        entityType: "sector",
        entityId: data.code,
        oldValues: { position: i + 1 },
        newValues: { position: j + 1 },
      });
    },
    { behavior: "immediate" },
  );
  return listSectorsForAdmin(db, actor);
}

/** Retires a sector (new entry stops offering it; its history stays and past weeks still show it) or brings it back. */
export function setSectorActive(db: Db, actor: Actor | null, input: SectorActiveInput): SectorAdminRow {
  const admin = requireRole(actor, "admin");
  const data = parseInput(sectorActiveInput, input);
  db.transaction(
    (tx) => {
      const row = sectorRow(tx, data.code);
      if (row.active === data.active) return;
      if (!data.active && tx.select({ n: sql<number>`count(*)` }).from(sectors).where(eq(sectors.active, true)).get()!.n <= 1)
        throw conflict({ key: "errors.lastActiveSector" });
      tx.update(sectors).set({ active: data.active, version: row.version + 1 }).where(eq(sectors.id, row.id)).run();
      writeAudit(tx, admin, {
        action: data.active ? "sector.reactivate" : "sector.retire",
        entityType: "sector",
        entityId: row.code,
        oldValues: { active: row.active },
        newValues: { active: data.active },
      });
    },
    { behavior: "immediate" },
  );
  return listSectorsForAdmin(db, actor).find((s) => s.code === data.code)!;
}
