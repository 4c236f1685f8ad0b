import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { Actor } from "./auth/actor";
import { requireActor, requireRole } from "./auth/authorize";
import { writeAudit, type AuditActor, type Tx } from "./audit";
import { notFound } from "./errors";
import { tokenCreateInput, type TokenCreateInput, type TokenScope } from "./validation/tokens";
import { recordIdInput, type RecordIdInput } from "./validation/users";
import { parseInput } from "./validation/zod-messages";

/** Tokens are 32 random bytes: a fast SHA-256 is enough to store them (argon2 is for guessable secrets). */
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export { tokenCreateInput, type TokenCreateInput };

/** Creates a token for a user (the owner on My account, or an operator script); the secret is returned once. */
export function issueApiToken(db: Db, who: AuditActor, userId: number, input: TokenCreateInput): { id: number; token: string; expiresAt: string } {
  const { name, days, scope } = parseInput(tokenCreateInput, input);
  const token = `rasd_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(apiTokens)
        .values({ userId, name, prefix: token.slice(0, 10), tokenHash: hashToken(token), expiresAt, scope })
        .returning({ id: apiTokens.id })
        .get();
      writeAudit(tx, who, { action: "api_token.create", entityType: "api_token", entityId: row.id, newValues: { userId, name, scope, expiresAt } });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { id, token, expiresAt };
}

export function createOwnApiToken(db: Db, actor: Actor | null, input: TokenCreateInput) {
  const me = requireActor(actor);
  return issueApiToken(db, me, me.id, input);
}

export type TokenListItem = {
  id: number;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
};
const listColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scope: apiTokens.scope,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  lastUsedIp: apiTokens.lastUsedIp,
  revokedAt: apiTokens.revokedAt,
};

export function listOwnApiTokens(db: Db, actor: Actor | null): TokenListItem[] {
  const me = requireActor(actor);
  return db.select(listColumns).from(apiTokens).where(eq(apiTokens.userId, me.id)).orderBy(desc(apiTokens.id)).all();
}

export type AdminTokenListItem = TokenListItem & { user: { id: number; email: string; name: string } };

/** Admin: every account's tokens (or one account's), newest first. */
export function listAllApiTokens(db: Db, actor: Actor | null, filter: { userId?: unknown } = {}): AdminTokenListItem[] {
  requireRole(actor, "admin");
  const userId = filter.userId === undefined || filter.userId === "" ? null : recordIdInput.safeParse({ id: filter.userId });
  if (userId && !userId.success) return [];
  return db
    .select({ ...listColumns, userId: users.id, email: users.email, userName: users.name })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId ? eq(apiTokens.userId, userId.data.id) : undefined)
    .orderBy(desc(apiTokens.id))
    .all()
    .map(({ userId: id, email, userName, ...t }) => ({ ...t, user: { id, email, name: userName } }));
}

function revokeToken(db: Db, who: Actor, id: number, ownerId: number | null, action: string): void {
  db.transaction(
    (tx) => {
      const row = tx
        .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt, userId: apiTokens.userId })
        .from(apiTokens)
        .where(ownerId === null ? eq(apiTokens.id, id) : and(eq(apiTokens.id, id), eq(apiTokens.userId, ownerId)))
        .get();
      if (!row) throw notFound("errors.tokenNotFound");
      if (row.revokedAt) return;
      tx.update(apiTokens).set({ revokedAt: new Date().toISOString() }).where(eq(apiTokens.id, row.id)).run();
      writeAudit(tx, who, { action, entityType: "api_token", entityId: row.id, newValues: { userId: row.userId } });
    },
    { behavior: "immediate" },
  );
}

/** A user revokes their own tokens only; another user's token id answers "not found". */
export function revokeOwnApiToken(db: Db, actor: Actor | null, input: RecordIdInput): void {
  const me = requireActor(actor);
  const { id } = parseInput(recordIdInput, input);
  revokeToken(db, me, id, me.id, "api_token.revoke");
}

/** Admin: revoke anyone's token (a leaked key, a person who left). */
export function revokeAnyApiToken(db: Db, actor: Actor | null, input: RecordIdInput): void {
  const admin = requireRole(actor, "admin");
  const { id } = parseInput(recordIdInput, input);
  revokeToken(db, admin, id, null, "api_token.revoke_by_admin");
}

/** Revokes every live token of a user, in the caller's transaction (reset, deactivation, the owner's choice). */
export function revokeAllTokensOf(tx: Tx, userId: number): number {
  return tx
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })
    .all().length;
}

export type FoundToken = { id: number; userId: number; scope: TokenScope; lastUsedIp: string | null };

/** The live (not revoked, not expired) token behind a bearer secret, or null; reads only (see touchApiToken). */
export function findApiToken(db: Db, token: string): FoundToken | null {
  if (!token.startsWith("rasd_") || token.length > 100) return null;
  return (
    db
      .select({ id: apiTokens.id, userId: apiTokens.userId, scope: apiTokens.scope, lastUsedIp: apiTokens.lastUsedIp })
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, new Date().toISOString())))
      .get() ?? null
  );
}

/**
 * Records that a token was used, and from where. The API calls it only for answered requests, so
 * a refused one writes nothing. A use from an address the token has not been used from is audited:
 * a leaked token shows up in the log.
 */
export function touchApiToken(db: Db, token: FoundToken, ip: string): void {
  db.transaction(
    (tx) => {
      tx.update(apiTokens).set({ lastUsedAt: new Date().toISOString(), lastUsedIp: ip }).where(eq(apiTokens.id, token.id)).run();
      if (token.lastUsedIp !== ip) {
        const owner = tx.select({ email: users.email }).from(users).where(eq(users.id, token.userId)).get();
        writeAudit(tx, { id: token.userId, email: owner?.email ?? "" }, {
          action: "api_token.new_address",
          entityType: "api_token",
          entityId: token.id,
          oldValues: token.lastUsedIp ? { ip: token.lastUsedIp } : null,
          newValues: { ip },
        });
      }
    },
    { behavior: "immediate" },
  );
}
