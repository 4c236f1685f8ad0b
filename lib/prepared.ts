import type { Tx } from "./audit";

/**
 * Drizzle prepared queries kept per transaction (or per connection, when given the db itself).
 * Building a query with drizzle costs more JavaScript than SQLite takes to run it: a file import
 * saves thousands of reports in one transaction, and built every statement afresh for each
 * (decision 055). A query prepared once with `sql.placeholder` runs again with new values only.
 * Kept per `tx` object, not globally, because a prepared query belongs to the session it was
 * built on; a transaction object is dropped with its transaction, and its entries with it.
 *
 * `key` names the statement: the function that builds it, or a string where one builder makes
 * several shapes (the columns an update sets). Each key must always build the same kind of query.
 */
const kept = new WeakMap<object, Map<unknown, unknown>>();

export function preparedIn<T>(tx: Tx, key: ((tx: Tx) => T) | string, build?: (tx: Tx) => T): T {
  let mine = kept.get(tx);
  if (!mine) kept.set(tx, (mine = new Map()));
  const found = mine.get(key) as T | undefined;
  if (found !== undefined) return found;
  const make = typeof key === "function" ? key : build;
  if (!make) throw new Error(`preparedIn: no builder for "${String(key)}"`);
  const made = make(tx);
  mine.set(key, made);
  return made;
}

/**
 * A JSON column's value for a prepared insert. Drizzle encodes a placeholder bound to a JSON
 * column with JSON.stringify even when it is null (storing the text "null", where a one-off
 * insert stores SQL NULL): the statements put the placeholder in an `sql` chunk, which is passed
 * through unencoded, and give it this.
 */
export const jsonParam = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
