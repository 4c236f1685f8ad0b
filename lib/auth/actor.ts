import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, userAreas, users } from "@/db/schema";
import type { Role } from "@/lib/roles";

/** Who is acting, as read from the database on this request. Never cached across requests. */
export type Actor = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: "en" | "ar";
  /** False while `locale` is the default nobody chose (decision 044). */
  localeChosen: boolean;
  numerals: "latn" | "arab";
  /** IANA zone every date-time is shown in (decision 045). */
  timeZone: string;
  /** The password was chosen by someone else (generated or reset): pages send the owner to change it first. */
  mustChangePassword: boolean;
  /** Assigned areas with their materialised paths, for "this area or below" checks. */
  areas: { id: number; pcode: string; path: string }[];
};

/**
 * Loads the acting user, or null when the account is unknown or deactivated. Whether a session
 * or token still stands is decided before this (lib/auth/sessions.ts, lib/tokens.ts).
 */
export function loadActor(db: Db, userId: number): Actor | null {
  const user = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      locale: users.locale,
      localeChosen: users.localeChosen,
      numerals: users.numerals,
      timeZone: users.timeZone,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user || !user.active) return null;
  const assigned = db
    .select({ id: areas.id, pcode: areas.pcode, path: areas.path })
    .from(userAreas)
    .innerJoin(areas, eq(areas.id, userAreas.areaId))
    .where(eq(userAreas.userId, userId))
    .all();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    localeChosen: user.localeChosen,
    numerals: user.numerals,
    timeZone: user.timeZone,
    mustChangePassword: user.mustChangePassword,
    areas: assigned,
  };
}
