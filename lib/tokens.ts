import { and, desc, eq, isNull } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import type { Actor } from "./auth/actor";
import { requireActor } from "./auth/authorize";
import { writeAudit, type AuditActor } from "./audit";
import { notFound } from "./errors";
import { tokenCreateInput, type TokenCreateInput } from "./validation/tokens";
import { recordIdInput, type RecordIdInput } from "./validation/users";
import { parseInput } from "./validation/zod-messages";

/** Tokens are 32 random bytes: a fast SHA-256 is enough to store them (argon2 is for guessable secrets). */
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export { tokenCreateInput, type TokenCreateInput };

export function issueApiToken(db: Db, who: AuditActor, userId: number, name: string): { id: number; token: string } {
  const token = `rasd_${randomBytes(32).toString("base64url")}`;
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(apiTokens)
        .values({ userId, name, prefix: token.slice(0, 10), tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString() })
        .returning({ id: apiTokens.id })
        .get();
      writeAudit(tx, who, { action: "api_token.create", entityType: "api_token", entityId: row.id, newValues: { userId, name } });
      return row.id;
    },
    { behavior: "immediate" },
  );
  return { id, token };
}

export function createOwnApiToken(db: Db, actor: Actor | null, input: TokenCreateInput) {
  const me = requireActor(actor);
  const { name } = parseInput(tokenCreateInput, input);
  return issueApiToken(db, me, me.id, name);
}

export function listOwnApiTokens(db: Db, actor: Actor | null) {
  const me = requireActor(actor);
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, me.id))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** A user revokes their own tokens only; another user's token id answers "not found". */
export function revokeOwnApiToken(db: Db, actor: Actor | null, input: RecordIdInput): void {
  const me = requireActor(actor);
  const { id } = parseInput(recordIdInput, input);
  db.transaction(
    (tx) => {
      const row = tx
        .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, me.id)))
        .get();
      if (!row) throw notFound("errors.tokenNotFound");
      if (row.revokedAt) return;
      tx.update(apiTokens).set({ revokedAt: new Date().toISOString() }).where(eq(apiTokens.id, row.id)).run();
      writeAudit(tx, me, { action: "api_token.revoke", entityType: "api_token", entityId: row.id });
    },
    { behavior: "immediate" },
  );
}

/** The token row and user behind a bearer token, or null; reads only (see touchApiToken). */
export function findApiToken(db: Db, token: string): { id: number; userId: number } | null {
  if (!token.startsWith("rasd_") || token.length > 100) return null;
  return (
    db
      .select({ id: apiTokens.id, userId: apiTokens.userId })
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
      .get() ?? null
  );
}

/** Records that a token was used. The API calls it only for answered requests, so a refused one writes nothing. */
export function touchApiToken(db: Db, tokenId: number): void {
  db.update(apiTokens).set({ lastUsedAt: new Date().toISOString() }).where(eq(apiTokens.id, tokenId)).run();
}
