// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";

/**
 * One schema for a week's figures, used by the entry form (react-hook-form + zodResolver),
 * the server action and the API. The form sends text and the API sends JSON numbers: text
 * that spells a number (Latin or Arabic-Indic digits, "6,077") becomes that number, and
 * anything else (true, [], "six") stays as it is so that it fails as the wrong type instead
 * of being coerced into a figure.
 */

/** Far above any real area (Syria has about four million households), low enough to catch a slip of the keyboard. */
export const MAX_FAMILIES = 10_000_000;
export const MAX_INDIVIDUALS = 50_000_000;
export const NOTES_MAX = 2000;
export const SOURCE_MAX = 300;
/** What a sector code may look like; whether it exists is checked against the database in lib/reports/save.ts. */
export const SECTOR_CODE = /^[a-z][a-z0-9_]{0,39}$/;
export const EDITABLE_STATUSES = ["draft", "submitted"] as const;

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** "٦٬٠٧٧" → "6077", "91٫5" → "91.5", " 6,077 " → "6077", "91 %" → "91"; other text is returned trimmed. */
export function normaliseNumberText(text: string): string {
  let s = text.trim().replace(ARABIC_DIGITS, (d) => String(d.charCodeAt(0) - (d.charCodeAt(0) >= 0x6f0 ? 0x6f0 : 0x660)));
  // A percent sign (Latin or Arabic ٪) after a gap, as spreadsheets write it.
  s = s.replace(/\u066B/g, ".").replace(/\s*[%\u066A]$/, "");
  // Thousands separators only where they group digits by three: "1,5" stays as it is (and fails).
  if (/^-?\d{1,3}([,\u066C]\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/[,\u066C]/g, "");
  return s;
}

/** A number written as text becomes that number; "" becomes undefined (so it reads as missing); anything else is left alone. */
export function numberFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const s = normaliseNumberText(value);
  if (s === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : value;
}

/** For warnings computed while typing: the number a field holds, or null. */
export function numberOrNull(value: unknown): number | null {
  const n = numberFromText(value);
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

/** Only for "not a number at all"; ranges and whole numbers keep their own messages (which name the limit). */
const numberError = {
  error: (iss: { code?: string; input?: unknown }) =>
    iss.code !== "invalid_type" ? undefined : iss.input === undefined || iss.input === null ? "validation.required" : "validation.number",
};

const count = (max: number) => z.preprocess(numberFromText, z.number(numberError).int({ message: "validation.wholeNumber" }).min(0).max(max));

const optionalCount = (max: number) =>
  z.preprocess((v) => numberFromText(v) ?? null, z.number(numberError).int({ message: "validation.wholeNumber" }).min(0).max(max).nullable());

/** Gaps are entered in percent with at most one decimal and stored in tenths (Math.round(pct * 10)). */
export const gapPct = z
  .number(numberError)
  .min(0)
  .max(100)
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, { message: "validation.oneDecimal" });

const sectorGapInput = z
  .strictObject({
    gapPct: z.preprocess((v) => numberFromText(v) ?? null, gapPct.nullable()).optional(),
    familiesInNeed: optionalCount(MAX_FAMILIES).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.gapPct ?? null) === null && (v.familiesInNeed ?? null) !== null)
      ctx.addIssue({ code: "custom", path: ["gapPct"], message: "validation.gapForNeed", input: v.gapPct });
  });

/**
 * Keyed by sector code. A sector left empty (no gap, no families in need) is "not reported"
 * and dropped; a key that cannot be a sector code is reported on that key.
 */
const sectorsInput = z
  .preprocess(
    (v, ctx) => {
      if (v === undefined || v === null || v === "") return {};
      if (typeof v === "object" && !Array.isArray(v))
        for (const key of Object.keys(v))
          if (!SECTOR_CODE.test(key)) ctx.addIssue({ code: "custom", path: [key], message: "validation.sectorCode", input: key });
      return v;
    },
    z.record(z.string(), sectorGapInput),
  )
  .transform((sectors) => {
    const out: Record<string, { gapPct: number; familiesInNeed: number | null }> = {};
    for (const [code, s] of Object.entries(sectors))
      if (s.gapPct !== undefined && s.gapPct !== null) out[code] = { gapPct: s.gapPct, familiesInNeed: s.familiesInNeed ?? null };
    return out;
  });

const text = (max: number) => z.preprocess((v) => v ?? "", z.string().trim().max(max));

const flag = z.preprocess((v) => {
  if (v === undefined || v === null || v === "" || v === "false" || v === "off") return false;
  if (v === "on" || v === "true" || v === "1") return true;
  return v;
}, z.boolean());

export const weeklyReportInput = z
  .strictObject({
    newlyDisplacedFamilies: count(MAX_FAMILIES),
    repeatDisplacedFamilies: count(MAX_FAMILIES),
    totalDisplacedFamilies: count(MAX_FAMILIES),
    individuals: optionalCount(MAX_INDIVIDUALS).optional(),
    sectors: sectorsInput.optional(),
    notes: text(NOTES_MAX).optional(),
    source: text(SOURCE_MAX).optional(),
    status: z.enum(EDITABLE_STATUSES).optional(),
    /** The version the edit started from; 0 (or absent) creates the report. */
    version: z.preprocess((v) => (v === null || v === "" ? 0 : numberFromText(v)), z.number(numberError).int().min(0).max(1_000_000_000)).optional(),
    /** The person has seen the warnings against last week's figures (the form asks; the API does not). */
    acknowledgeWarnings: flag.optional(),
    /**
     * After a conflict, the editor keeps their figures over the newer version (which `version` then
     * names): the history records that this save overwrote a change on purpose (the online form's
     * "save over version N" and the offline outbox's "keep mine" both send it).
     */
    keepMine: flag.optional(),
  })
  .refine((v) => v.repeatDisplacedFamilies <= v.newlyDisplacedFamilies, {
    path: ["repeatDisplacedFamilies"],
    message: "validation.repeatAboveNew",
    // Checked as soon as both counts are valid, even when another field has an error: the form shows every problem at once.
    when: ({ value }) => {
      const v = value as { newlyDisplacedFamilies?: unknown; repeatDisplacedFamilies?: unknown } | null;
      return Number.isInteger(v?.newlyDisplacedFamilies) && Number.isInteger(v?.repeatDisplacedFamilies);
    },
  })
  .transform((v) => ({
    newlyDisplacedFamilies: v.newlyDisplacedFamilies,
    repeatDisplacedFamilies: v.repeatDisplacedFamilies,
    totalDisplacedFamilies: v.totalDisplacedFamilies,
    individuals: v.individuals ?? null,
    sectors: v.sectors ?? {},
    notes: v.notes ?? "",
    source: v.source ?? "",
    status: v.status ?? ("draft" as const),
    version: v.version ?? 0,
    acknowledgeWarnings: v.acknowledgeWarnings ?? false,
    keepMine: v.keepMine ?? false,
  }));
export type WeeklyReportInput = z.input<typeof weeklyReportInput>;
export type WeeklyReportValues = z.output<typeof weeklyReportInput>;

/** Which report: from the URL or a hidden field. Weeks come as "2020-W04" or DHIS2's "2020W4". */
export const reportKeyInput = z.object({ pcode: z.string().trim().min(1).max(40), week: z.string().trim().min(1).max(20) });
export type ReportKeyInput = z.input<typeof reportKeyInput>;

const confirmedBox = z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean()).optional();

export const reportApproveInput = reportKeyInput.extend({
  /** The version the admin looked at: approving figures that changed since is refused. */
  version: z.preprocess((v) => (v === "" || v === null ? undefined : numberFromText(v)), z.number().int().min(1).max(1_000_000_000).optional()),
  /** The "approve over open follow-ups" box (a form's "on", or the API's true). */
  confirmFollowUps: confirmedBox,
});
export type ReportApproveInput = z.input<typeof reportApproveInput>;

export const reportReopenInput = reportApproveInput.extend({ reason: z.string().trim().min(3, { message: "validation.reasonRequired" }).max(500) });
export type ReportReopenInput = z.input<typeof reportReopenInput>;

/** Comments an admin sends with a returned report: required, as the coordinator needs to know what to fix. */
export const RETURN_COMMENT_MAX = 1000;

export const reportReturnInput = reportKeyInput.extend({
  /** Required here: a return from a stale view would send back figures the admin never saw. */
  version: z.preprocess((v) => (v === "" || v === null ? undefined : numberFromText(v)), z.number(numberError).int().min(1).max(1_000_000_000)),
  comment: z.preprocess(
    (v) => v ?? "",
    z
      .string()
      .trim()
      .min(1, { message: "validation.commentRequired" })
      .max(RETURN_COMMENT_MAX),
  ),
});
export type ReportReturnInput = z.input<typeof reportReturnInput>;

/** One confirmed report of "approve all", as its form posts it: "SY0203:4" (P-code and the version shown). */
const CONFIRMED_REPORT = /^([A-Za-z0-9_-]{1,40}):(\d{1,10})$/;

export const reportApproveAllInput = reportKeyInput.extend({
  confirmFollowUps: confirmedBox,
  reports: z
    .preprocess((v) => (typeof v === "string" ? [v] : (v ?? [])), z.array(z.string().regex(CONFIRMED_REPORT, { message: "validation.invalid" })).min(1, { message: "validation.approveAllEmpty" }).max(5000))
    .transform((list) =>
      list.map((item) => {
        const [, pcode, version] = CONFIRMED_REPORT.exec(item)!;
        return { pcode: pcode!, version: Number(version) };
      }),
    ),
});
export type ReportApproveAllInput = z.input<typeof reportApproveAllInput>;

export const weekQuery = z.object({ week: z.string().trim().max(20).optional() });

const UNSAFE_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * Posted forms are flat ("sectors.nfi.gapPct" = "83"); react-hook-form and the API nest them.
 * Keys with an unsafe segment stay flat, so the strict schema reports them as unknown fields.
 */
export function nestFormFields(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".");
    if (parts.length === 1 || parts.some((p) => p === "" || UNSAFE_SEGMENTS.has(p))) {
      out[key] = value;
      continue;
    }
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
      if (next === null || typeof next !== "object" || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = value;
  }
  return out;
}
