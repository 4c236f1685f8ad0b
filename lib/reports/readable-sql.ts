import { inArray, or, type SQL } from "drizzle-orm";
import { weeklyReports } from "@/db/schema";
import { subtreeOf } from "../areas";
import type { Actor } from "../auth/actor";
import { PUBLISHED_STATUSES } from "./visibility";

/**
 * The reports an actor may read, as a SQL condition on the joined report and area: published ones,
 * and drafts in the areas they may edit (the rule of canSeeReport, decision 031, written for SQL).
 */
export function readableReports(me: Actor): SQL | undefined {
  if (me.role === "admin") return undefined;
  const published = inArray(weeklyReports.status, [...PUBLISHED_STATUSES]);
  if (me.role !== "coordinator" || !me.areas.length) return published;
  return or(published, ...me.areas.map((a) => subtreeOf(a.path)));
}

