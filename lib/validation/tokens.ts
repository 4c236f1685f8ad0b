// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";

/** Kept apart from lib/tokens.ts (node:crypto, database) so the browser form can import it. */
export const tokenCreateInput = z.object({ name: z.string().trim().min(1).max(80) });
export type TokenCreateInput = z.input<typeof tokenCreateInput>;
