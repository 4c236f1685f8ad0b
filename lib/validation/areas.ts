// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";

/** P-codes: country prefix plus digits (SY0703), or OCHA community codes (C4115). Upper case, no spaces. */
export const pcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,19}$/, { message: "validation.pcode" });

const areaName = z.string().trim().min(1).max(200);

export const areaCreateInput = z.object({
  pcode,
  parentPcode: z.union([pcode, z.literal("")]).optional(),
  nameEn: areaName,
  nameAr: areaName,
});
export type AreaCreateInput = z.input<typeof areaCreateInput>;

export const areaRenameInput = z.object({
  pcode,
  nameEn: areaName,
  nameAr: areaName,
  version: z.coerce.number().int().min(1),
});
export type AreaRenameInput = z.input<typeof areaRenameInput>;
