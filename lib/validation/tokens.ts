// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";

export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_DAYS_DEFAULT = 90;
export const TOKEN_DAYS_MAX = 365;

/** Kept apart from lib/tokens.ts (node:crypto, database) so the browser form can import it. */
export const tokenCreateInput = z.object({
  name: z.string().trim().min(1).max(80),
  /** Days until it stops working: a forgotten token in a script must not work for ever. */
  days: z.coerce.number().int().min(1).max(TOKEN_DAYS_MAX).default(TOKEN_DAYS_DEFAULT),
  /** Read-only unless asked: most tokens feed dashboards. */
  scope: z.enum(TOKEN_SCOPES).default("read"),
});
export type TokenCreateInput = z.input<typeof tokenCreateInput>;
