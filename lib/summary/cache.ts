import { LRUCache } from "lru-cache";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { sharedReader } from "../reports/visibility";
import { weekOf } from "../weeks";

/**
 * Summary figures are the same for every signed-in reader and change only when something is
 * written, while many people read the same week's dashboard, area pages and gap report. So each
 * summary loader keeps its result per query until the data changes (docs/decisions/024-summary-results-kept-until-data-changes.md). The
 * actor is checked here, before the cache is looked at, so it is only ever reached by someone
 * allowed to read summaries; and a result is computed as `sharedReader(actor)`, who may see no
 * draft anywhere, so a kept result can never carry one reader's drafts to another.
 *
 * The data version is the newest audit row (every change made through lib/ writes one, in the
 * same transaction) plus SQLite's data_version, which moves when another process commits (a
 * script, a manual fix): both are a single lookup. Writes nobody audits, such as an API token's
 * "last used" time, do not touch summaries and so do not empty the cache.
 */

const MAX_ENTRIES = 200;
type Entry = { version: string; value: unknown };
/** One cache per database (the server has one; tests open many). */
const caches = new WeakMap<Db, LRUCache<string, Entry>>();

/** RASD_SUMMARY_CACHE=0 turns the cache off (the benchmark's "uncached" figures, debugging). */
const enabled = () => process.env.RASD_SUMMARY_CACHE !== "0";

export function dataVersion(db: Db): string {
  // One row lookup and one pragma; the statement is kept by the database client (db/client.ts).
  return db.$client
    .prepare<[], string>("select (select coalesce(max(id), 0) from audit_log) || ':' || (select data_version from pragma_data_version)")
    .pluck()
    .get()!;
}

/**
 * `compute()`'s result for this loader and query, recomputed when the data version changed.
 * Only the query parameters `input` (the loader's schema) reads are part of the key, and the
 * current week, which is the default when nothing has been reported yet. `extra` is anything
 * else the result depends on (the reader's language for a sort by name). `compute` reads as the
 * `reader` it is given, never as the caller's own actor: the result is shared between readers.
 * Results are shared between requests: callers must treat them as read-only.
 */
export function cachedSummary<T>(
  db: Db,
  actor: Actor | null,
  loader: string,
  input: z.ZodObject,
  raw: Record<string, unknown>,
  compute: (reader: Actor) => T,
  extra = "",
): T {
  const reader = sharedReader(requireActor(actor));
  // Off, the result is not shared, but it is still computed as the shared reader: the page reads the same either way.
  if (!enabled()) return compute(reader);
  const key = `${loader}\u0000${extra}\u0000${weekOf(new Date())}\u0000${stableKey(input, raw)}`;
  const version = dataVersion(db);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache<string, Entry>({ max: MAX_ENTRIES })));
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = deepFreeze(compute(reader));
  cache.set(key, { version, value });
  return value;
}

/** Shared between requests, so nobody may change them: a mistake throws instead of leaking into other readers' pages. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The schema's parameters in a fixed order, so ?a=1&b=2, ?b=2&a=1 and ?a=1&b=2&utm=x share an entry. */
function stableKey(input: z.ZodObject, raw: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(input.shape)
      .sort()
      .map((k) => raw[k] ?? null),
  );
}
