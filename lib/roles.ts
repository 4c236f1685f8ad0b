/**
 * The account roles. Their own file, importing nothing, so that the schema (db/schema.ts) and the
 * forms in the browser share one list without client bundles reaching the database schema.
 */
export const ROLES = ["admin", "coordinator", "viewer"] as const;
export type Role = (typeof ROLES)[number];
