import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

/**
 * The accounts lib/seed/demo.ts creates on a first start with RASD_DEMO unset or 1. They are on
 * example.org, a domain reserved for examples (RFC 2606), so no real account shares these addresses.
 */
export const DEMO_ACCOUNTS = [
  { email: "admin@example.org", name: "Rasd Admin", role: "admin", areas: [] },
  { email: "coordinator@example.org", name: "Aleppo Coordinator", role: "coordinator", areas: ["SY02"] },
  { email: "viewer@example.org", name: "NGO Viewer", role: "viewer", areas: [] },
] as const;

/**
 * True while any demo account is active: every page then says that the data are examples.
 * Deactivating the demo accounts (or starting with RASD_DEMO=0) removes the banner.
 * One lookup by the unique e-mail index per page.
 */
export function hasActiveDemoAccounts(db: Db): boolean {
  const row = db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.email, DEMO_ACCOUNTS.map((a) => a.email)), eq(users.active, true)))
    .limit(1)
    .get();
  return row !== undefined;
}
