import { and, desc, eq, gte, like, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { Actor } from "./auth/actor";
import { requireRole } from "./auth/authorize";
import { parseInput } from "./validation/zod-messages";

/** Anything that can run a drizzle statement: the db or a transaction. */
export type Tx = Pick<Db, "insert" | "select" | "update" | "delete">;

export type AuditEntry = {
  action: string;
  entityType: "user" | "area" | "sector" | "report" | "api_token";
  entityId: string | number | null;
  oldValues?: unknown;
  newValues?: unknown;
};

/** Who did it: a signed-in user, or an operator script / start-up step named by a label. */
export type AuditActor = { id: number; email: string } | { label: string };

/** Must be called inside the same transaction as the change it records. */
export function writeAudit(tx: Tx, who: AuditActor, entry: AuditEntry): void {
  tx.insert(auditLog)
    .values({
      actorId: "id" in who ? who.id : null,
      actorLabel: "id" in who ? who.email : who.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      oldValues: entry.oldValues ?? null,
      newValues: entry.newValues ?? null,
    })
    .run();
}

export const auditFilter = z.object({
  entityType: z.enum(["user", "area", "sector", "report", "api_token"]).optional().catch(undefined),
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(200).optional(),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
export type AuditFilter = z.input<typeof auditFilter>;

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  oldValues: unknown;
  newValues: unknown;
};

export function listAudit(db: Db, actor: Actor | null, filter: AuditFilter = {}) {
  requireRole(actor, "admin");
  const f = parseInput(auditFilter, filter);
  const where: SQL[] = [];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.action) where.push(like(auditLog.action, `%${f.action}%`));
  if (f.actor) where.push(or(like(auditLog.actorLabel, `%${f.actor}%`), like(users.name, `%${f.actor}%`))!);
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lte(auditLog.at, `${f.to}T23:59:59.999Z`));
  const cond = where.length ? and(...where) : undefined;
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorLabel: auditLog.actorLabel,
      actorName: users.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      oldValues: auditLog.oldValues,
      newValues: auditLog.newValues,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((f.page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(cond)
    .get()!.n;
  return {
    page: f.page,
    total,
    hasMore: rows.length > AUDIT_PAGE_SIZE,
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map(
      (r): AuditRow => ({
        id: r.id,
        at: r.at,
        actor: r.actorName ? `${r.actorName} (${r.actorLabel})` : r.actorLabel,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        oldValues: r.oldValues,
        newValues: r.newValues,
      }),
    ),
  };
}
