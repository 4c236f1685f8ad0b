// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";

/** A sector's code names it in the API, imports and URLs: lower case, digits and underscores, as the three first ones. */
export const sectorCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: "validation.sectorCodePattern" });

/** An HXL attribute (`+wash`): lower case letters, digits and underscores, starting with a letter. */
export const hxlAttribute = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "validation.hxlAttribute" });

const sectorName = z.string().trim().min(1).max(100);

export const sectorCreateInput = z.object({
  code: sectorCode,
  nameEn: sectorName,
  nameAr: sectorName,
  hxlAttribute,
});
export type SectorCreateInput = z.input<typeof sectorCreateInput>;

export const sectorUpdateInput = z.object({
  code: sectorCode,
  nameEn: sectorName,
  nameAr: sectorName,
  hxlAttribute,
  version: z.coerce.number().int().min(1),
});
export type SectorUpdateInput = z.input<typeof sectorUpdateInput>;

export const sectorMoveInput = z.object({ code: sectorCode, direction: z.enum(["up", "down"]) });
export type SectorMoveInput = z.input<typeof sectorMoveInput>;

export const sectorActiveInput = z.object({
  code: sectorCode,
  // A form posts "true"/"false"; lib/ callers pass booleans.
  active: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});
export type SectorActiveInput = z.input<typeof sectorActiveInput>;
