import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sectors } from "@/db/schema";
import { writeAudit, type AuditActor } from "./audit";

export const DEFAULT_SECTORS = [
  { code: "food_security", nameEn: "Food security", nameAr: "الأمن الغذائي", sortOrder: 1 },
  { code: "nfi", nameEn: "Non-food items", nameAr: "المواد غير الغذائية", sortOrder: 2 },
  { code: "shelter", nameEn: "Shelter", nameAr: "المأوى", sortOrder: 3 },
] as const;

export type SectorInfo = { id: number; code: string; nameEn: string; nameAr: string };

/** Active sectors in display order (no actor: every caller has checked its own). */
export function activeSectors(db: Pick<Db, "select">): SectorInfo[] {
  return db
    .select({ id: sectors.id, code: sectors.code, nameEn: sectors.nameEn, nameAr: sectors.nameAr })
    .from(sectors)
    .where(eq(sectors.active, true))
    .orderBy(asc(sectors.sortOrder), asc(sectors.code))
    .all();
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
