import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { getDummyHash, verifyPassword } from "./password";
import { clearAccountFailures, recordFailure, throttledFor } from "./throttle";

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks credentials. Unknown e-mail, wrong password and deactivated account all answer
 * "invalid" after the same argon2 work, so the answer and its timing reveal nothing.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const ip = input.ip || "unknown";
  const waitMs = await throttledFor(db, email, ip);
  if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterMinutes: Math.ceil(waitMs / 60000) };

  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, email))
    .get();
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (user && user.active && passwordOk) {
    await clearAccountFailures(db, email);
    return { ok: true, userId: user.id };
  }
  const blockedMs = await recordFailure(db, email, ip);
  if (blockedMs > 0) return { ok: false, reason: "throttled", retryAfterMinutes: Math.ceil(blockedMs / 60000) };
  return { ok: false, reason: "invalid" };
}
