import { z } from "zod";
import { reportKeyInput } from "./weekly-report";

export const COMMENT_MAX = 2000;
export const FLAG_REASON_MAX = 500;

const text = (max: number, required: string) =>
  z.preprocess((v) => v ?? "", z.string().trim().min(1, { message: required }).max(max));

export const reportCommentInput = reportKeyInput.extend({ body: text(COMMENT_MAX, "validation.followUpCommentRequired") });
export type ReportCommentInput = z.input<typeof reportCommentInput>;

/** The counts a flag may name; a sector's figures are "sectors.<code>.gapPct" and "sectors.<code>.familiesInNeed". */
export const FLAG_COUNT_FIELDS = ["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies"] as const;
const FLAG_FIELD = /^(newlyDisplacedFamilies|repeatDisplacedFamilies|totalDisplacedFamilies|sectors\.[a-z0-9_]{1,40}\.(gapPct|familiesInNeed))$/;

export const reportFlagInput = reportKeyInput.extend({
  field: z.string().trim().regex(FLAG_FIELD, { message: "validation.flagField" }),
  reason: text(FLAG_REASON_MAX, "validation.flagReasonRequired"),
});
export type ReportFlagInput = z.input<typeof reportFlagInput>;

export const flagClearInput = z.object({
  id: z.coerce.number({ message: "validation.invalid" }).int().min(1).max(1_000_000_000),
  note: text(FLAG_REASON_MAX, "validation.flagNoteRequired"),
});
export type FlagClearInput = z.input<typeof flagClearInput>;

/** The follow-up list's filters come from the URL: anything odd there narrows less rather than failing the page. */
export const followUpFilter = z.object({
  area: z.string().trim().max(40).optional().catch(undefined),
  week: z.string().trim().max(20).optional().catch(undefined),
  sector: z.string().trim().max(40).optional().catch(undefined),
  state: z.enum(["open", "cleared", "all"]).default("open").catch("open"),
  page: z.coerce.number().int().min(1).max(100000).default(1).catch(1),
});
export type FollowUpFilter = { [K in keyof z.input<typeof followUpFilter>]?: unknown };
