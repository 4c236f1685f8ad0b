import { eq, sql } from "drizzle-orm";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { writeAudit } from "../audit";
import { getDummyHash, verifyPassword } from "./password";
import { startSession } from "./sessions";
import { confirmFailure, countAttempt, refundAttempt, throttleState } from "./throttle";

export type LoginResult =
  | { ok: true; userId: number; sid: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60000));

/**
 * The language a person lands in after signing in (decision 044): the sign-in page's language when
 * they switched to it on that page, and then it becomes their saved choice; otherwise the language
 * they chose on My account; otherwise, when they never chose one, the page's language. Called only
 * after the credentials were accepted.
 */
export function signInLanguage(db: Db, email: string, page: { locale: string; switched: boolean }): "en" | "ar" {
  const pageLocale = page.locale === "ar" ? "ar" : "en";
  const user = db
    .select({ id: users.id, email: users.email, locale: users.locale, localeChosen: users.localeChosen })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  if (!user) return pageLocale;
  if (!page.switched) return user.localeChosen ? user.locale : pageLocale;
  if (user.localeChosen && user.locale === pageLocale) return pageLocale;
  db.transaction(
    (tx) => {
      tx.update(users)
        .set({ locale: pageLocale, localeChosen: true, updatedAt: new Date().toISOString(), version: sql`${users.version} + 1` })
        .where(eq(users.id, user.id))
        .run();
      writeAudit(tx, { id: user.id, email: user.email }, {
        action: "user.preferences",
        entityType: "user",
        entityId: user.id,
        oldValues: { locale: user.localeChosen ? user.locale : "auto" },
        newValues: { locale: pageLocale, chosenOn: "signin" },
      });
    },
    { behavior: "immediate" },
  );
  return pageLocale;
}

/**
 * Checks credentials and, when they are right, opens a server-side session. Unknown e-mail, wrong
 * password and deactivated account all answer "invalid" after the same argon2 work and the same
 * slowdown, so the answer and its timing reveal nothing. Every outcome is audited (never the password).
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent?: string },
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<LoginResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const ip = input.ip || "unknown";
  const state = await throttleState(db, email, ip);
  if (state.blockedMs > 0) return { ok: false, reason: "throttled", retryAfterMinutes: minutes(state.blockedMs) };
  if (state.slowdownMs > 0) await wait(state.slowdownMs);

  // Counted before the password is checked: parallel guesses cannot all pass the check above.
  const counted = await countAttempt(db, email, ip);
  if (counted.refusedMs > 0) return { ok: false, reason: "throttled", retryAfterMinutes: minutes(counted.refusedMs) };

  const user = db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, email))
    .get();
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (user && user.active && passwordOk) {
    await refundAttempt(db, email, ip);
    return { ok: true, userId: user.id, sid: startSession(db, user.id, user.email, { ip, userAgent: input.userAgent ?? "" }) };
  }
  const blockedMs = await confirmFailure(db, email, ip, counted);
  db.transaction(
    (tx) => {
      const who = user ? { id: user.id, email: user.email } : { label: "anonymous" };
      writeAudit(tx, who, { action: "auth.sign_in_failed", entityType: "user", entityId: user?.id ?? null, newValues: { email, ip } });
      for (const limit of counted.reached)
        writeAudit(tx, who, { action: "auth.throttled", entityType: "user", entityId: user?.id ?? null, newValues: { email, ip, limit } });
    },
    { behavior: "immediate" },
  );
  if (blockedMs > 0) return { ok: false, reason: "throttled", retryAfterMinutes: minutes(blockedMs) };
  return { ok: false, reason: "invalid" };
}
