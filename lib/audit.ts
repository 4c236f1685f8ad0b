import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { Actor } from "./auth/actor";
import { requireRole } from "./auth/authorize";
import { parseInput } from "./validation/zod-messages";
import { startOfDayIn } from "./i18n/format";
import { jsonText, run } from "./statements";

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Anything that can run a drizzle statement: the db or a transaction. */
export type Tx = Pick<Db, "insert" | "select" | "update" | "delete" | "get">;

export const AUDIT_ENTITY_TYPES = ["user", "area", "sector", "report", "api_token", "figures_import", "import_mapping", "reporting_week", "range_rule"] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export type AuditEntry = {
  action: string;
  entityType: AuditEntityType;
  entityId: string | number | null;
  oldValues?: unknown;
  newValues?: unknown;
};

/** Who did it: a signed-in user, or an operator script / start-up step named by a label. */
export type AuditActor = { id: number; email: string } | { label: string };

/** Must be called inside the same transaction as the change it records. */
export function writeAudit(tx: Tx, who: AuditActor, entry: AuditEntry): void {
  run(
    tx,
    "insert into audit_log (actor_id, actor_label, action, entity_type, entity_id, old_values, new_values) values (?, ?, ?, ?, ?, ?, ?)",
    "id" in who ? who.id : null,
    "id" in who ? who.email : who.label,
    entry.action,
    entry.entityType,
    entry.entityId === null ? null : String(entry.entityId),
    jsonText(entry.oldValues),
    jsonText(entry.newValues),
  );
}

/** A filter comes from the URL: anything odd there narrows less rather than failing the page. */
const searchText = (max: number) =>
  z
    .string()
    .trim()
    .transform((s) => s.slice(0, max))
    .optional()
    .catch(undefined);

export const auditFilter = z.object({
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional().catch(undefined),
  action: searchText(60),
  actor: searchText(200),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
/** Straight from the query string: the schema above makes sense of whatever arrives. */
export type AuditFilter = { [K in keyof z.input<typeof auditFilter>]?: unknown };

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: number;
  at: string;
  /** "Name (e-mail)" for a user, or the operator label. */
  actor: string;
  actorName: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The account an entry is about, by name and e-mail (not "Account 3"); null for other entities. */
  entityAccount: { name: string; email: string } | null;
  oldValues: unknown;
  newValues: unknown;
};

/** "Contains" with the text taken literally: `_` in "password_reset" must not match any character. */
function contains(col: SQLiteColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${col} like ${pattern} escape '\\'`;
}

export function listAudit(db: Db, actor: Actor | null, filter: AuditFilter = {}) {
  const admin = requireRole(actor, "admin");
  const f = parseInput(auditFilter, filter);
  const where: SQL[] = [];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.action) where.push(contains(auditLog.action, f.action));
  if (f.actor) where.push(or(contains(auditLog.actorLabel, f.actor), contains(users.name, f.actor))!);
  // The days are the reader's days, in the zone the log's times are shown in (decision 045).
  const zone = admin.timeZone;
  if (f.from) where.push(gte(auditLog.at, startOfDayIn(f.from, zone)));
  if (f.to) where.push(lt(auditLog.at, startOfDayIn(nextDay(f.to), zone)));
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
  const accountIds = [...new Set(rows.filter((r) => r.entityType === "user" && r.entityId && /^\d+$/.test(r.entityId)).map((r) => Number(r.entityId)))];
  const accounts = new Map(
    (accountIds.length ? db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, accountIds)).all() : []).map(
      (u) => [String(u.id), { name: u.name, email: u.email }] as const,
    ),
  );
  return {
    page: f.page,
    total,
    hasMore: rows.length > AUDIT_PAGE_SIZE,
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map(
      (r): AuditRow => ({
        id: r.id,
        at: r.at,
        actor: r.actorName ? `${r.actorName} (${r.actorLabel})` : r.actorLabel,
        actorName: r.actorName,
        actorLabel: r.actorLabel,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        entityAccount: (r.entityType === "user" && r.entityId && accounts.get(r.entityId)) || null,
        oldValues: r.oldValues,
        newValues: r.newValues,
      }),
    ),
  };
}
