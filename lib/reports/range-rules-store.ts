import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, rangeRules, reportSectorGaps, sectors, weeklyReports } from "@/db/schema";
import { findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { requireActor, requireRole } from "../auth/authorize";
import { writeAudit, type Tx } from "../audit";
import { invalid, notFound, type FieldErrors } from "../errors";
import { activeSectors } from "../sectors";
import { MAX_FAMILIES, numberFromText } from "../validation/weekly-report";
import { addWeeks, parseWeek, weekOf } from "../weeks";
import { pctToTenths, tenthsToPct } from "./model";
import { isGapField, rangeFields, rangeWarnings, suggestRange, SUGGESTION_RULE, type RangeBound, type RangeBounds, type RangeSuggestion } from "./range-rules";
import { PUBLISHED_STATUSES } from "./visibility";
import { figuresForWarnings, type FiguresForWarnings, type RangeWarning } from "./warnings";

type RuleRow = { areaId: number; field: string; min: number | null; max: number | null; origin: "manual" | "history"; basis: unknown; pcode: string; nameEn: string; nameAr: string; updatedAt: string };

/** Stored gap bounds are tenths (decision 003); everything outside this file speaks percent. */
const fromStored = (field: string, v: number | null) => (v === null ? null : isGapField(field) ? tenthsToPct(v) : v);
const toStored = (field: string, v: number | null) => (v === null ? null : isGapField(field) ? pctToTenths(v) : v);

/** "/3/41/388/" → [3, 41, 388], root first. */
const pathIds = (path: string) => path.split("/").filter(Boolean).map(Number);

function rulesOf(tx: Tx, areaIds: number[] | null): RuleRow[] {
  return tx
    .select({
      areaId: rangeRules.areaId,
      field: rangeRules.field,
      min: rangeRules.min,
      max: rangeRules.max,
      origin: rangeRules.origin,
      basis: rangeRules.basis,
      pcode: areas.pcode,
      nameEn: areas.nameEn,
      nameAr: areas.nameAr,
      updatedAt: rangeRules.updatedAt,
    })
    .from(rangeRules)
    .innerJoin(areas, eq(areas.id, rangeRules.areaId))
    .where(areaIds ? inArray(rangeRules.areaId, areaIds) : undefined)
    .all();
}

/** For each figure, the rule of the deepest area on the path that has one: a sub-area's own rule overrides its parent's. */
function nearest(path: string, byArea: Map<number, RuleRow[]>): RangeBounds {
  const out: RangeBounds = {};
  for (const id of pathIds(path).reverse())
    for (const r of byArea.get(id) ?? [])
      if (!out[r.field])
        out[r.field] = { min: fromStored(r.field, r.min), max: fromStored(r.field, r.max), source: { pcode: r.pcode, nameEn: r.nameEn, nameAr: r.nameAr, origin: r.origin } };
  return out;
}

function groupByArea(rows: RuleRow[]): Map<number, RuleRow[]> {
  const m = new Map<number, RuleRow[]>();
  for (const r of rows) m.set(r.areaId, [...(m.get(r.areaId) ?? []), r]);
  return m;
}

/** The bounds that apply to an area's figures (no actor: the caller has checked its own right to the area). */
export function boundsForArea(tx: Tx, area: { path: string }): RangeBounds {
  return nearest(area.path, groupByArea(rulesOf(tx, pathIds(area.path))));
}

/**
 * THE CALL the save path and the import plan make: the min-max warnings of a report's figures.
 * Kept to one call so that the save path stays what it is (lib/reports/save.ts).
 */
export function rangeWarningsFor(tx: Tx, area: { path: string }, data: FiguresForWarnings): RangeWarning[] {
  return rangeWarnings(figuresForWarnings(data), boundsForArea(tx, area));
}

/** A whole-tree reader of the bounds, for pages that check many areas at once (the data-quality page). */
export function boundsReader(tx: Tx): (path: string) => RangeBounds {
  const byArea = groupByArea(rulesOf(tx, null));
  return (path) => nearest(path, byArea);
}

type HistoryPoint = { week: string; value: number };

/** The area's own submitted and approved figures in the window, per field. */
function historyOf(tx: Tx, areaId: number, from: string, to: string): Map<string, HistoryPoint[]> {
  const out = new Map<string, HistoryPoint[]>();
  const push = (field: string, week: string, value: number | null) => {
    if (value !== null) out.set(field, [...(out.get(field) ?? []), { week, value }]);
  };
  const inWindow = and(eq(weeklyReports.areaId, areaId), gte(weeklyReports.week, from), lte(weeklyReports.week, to), inArray(weeklyReports.status, [...PUBLISHED_STATUSES]));
  const reports = tx
    .select({ week: weeklyReports.week, newly: weeklyReports.newlyDisplacedFamilies, repeat: weeklyReports.repeatDisplacedFamilies, total: weeklyReports.totalDisplacedFamilies })
    .from(weeklyReports)
    .where(inWindow)
    .orderBy(asc(weeklyReports.week))
    .all();
  for (const r of reports) {
    push("newlyDisplacedFamilies", r.week, r.newly);
    push("repeatDisplacedFamilies", r.week, r.repeat);
    push("totalDisplacedFamilies", r.week, r.total);
  }
  const gaps = tx
    .select({ week: weeklyReports.week, code: sectors.code, gap: reportSectorGaps.gapTenths, need: reportSectorGaps.familiesInNeed })
    .from(reportSectorGaps)
    .innerJoin(weeklyReports, eq(weeklyReports.id, reportSectorGaps.reportId))
    .innerJoin(sectors, eq(sectors.id, reportSectorGaps.sectorId))
    .where(inWindow)
    .orderBy(asc(weeklyReports.week))
    .all();
  for (const g of gaps) {
    push(`sectors.${g.code}.gapPct`, g.week, tenthsToPct(g.gap));
    push(`sectors.${g.code}.familiesInNeed`, g.week, g.need);
  }
  return out;
}

/**
 * Whose rules, and on which figures: an admin, an area by its P-code (404 if none), and every
 * figure a rule can bound for the active sectors. What every reader and writer of rules checks first.
 */
export function ruleTarget(db: Db, actor: Actor | null, pcode: unknown): { me: Actor; area: AreaWithPath; fields: string[] } {
  const me = requireRole(actor, "admin");
  return { me, area: findAreaByPcode(db, pcode), fields: rangeFields(activeSectors(db).map((s) => s.code)) };
}

export type RangeRuleView = {
  field: string;
  /** The area's own rule, if it has one. */
  own: { min: number | null; max: number | null; origin: "manual" | "history"; basis: unknown; updatedAt: string } | null;
  /** What applies when it has none: an ancestor's rule. */
  inherited: RangeBound | null;
  suggestion: RangeSuggestion | null;
};

function suggestionWindow(asOf: unknown): { from: string; to: string; asOf: string } {
  const week = (typeof asOf === "string" && parseWeek(asOf)) || weekOf(new Date());
  return { asOf: week, from: addWeeks(week, -SUGGESTION_RULE.weeks), to: addWeeks(week, -1) };
}

function suggestionsFor(tx: Tx, area: AreaWithPath, fields: string[], asOf: unknown) {
  const win = suggestionWindow(asOf);
  const history = historyOf(tx, area.id, win.from, win.to);
  return { win, suggest: (field: string) => (fields.includes(field) ? suggestRange(history.get(field) ?? [], field) : null) };
}

/**
 * An area's rules page: for each figure (the counts and each active sector's two), the area's
 * own rule, the one it inherits, and a suggestion from its history (median ± 3 × MAD of the 26
 * weeks before `week`, default this week). Admins only.
 */
export function getRangeRules(db: Db, actor: Actor | null, input: { pcode: unknown; week?: unknown }) {
  const { area, fields } = ruleTarget(db, actor, input.pcode);
  const rows = rulesOf(db, pathIds(area.path));
  const own = new Map(rows.filter((r) => r.areaId === area.id).map((r) => [r.field, r]));
  const inherited = nearest(area.path.slice(0, area.path.slice(0, -1).lastIndexOf("/") + 1), groupByArea(rows.filter((r) => r.areaId !== area.id)));
  const { win, suggest } = suggestionsFor(db, area, fields, input.week);
  const rules: RangeRuleView[] = fields.map((field) => {
    const o = own.get(field);
    return {
      field,
      own: o ? { min: fromStored(field, o.min), max: fromStored(field, o.max), origin: o.origin, basis: o.basis, updatedAt: o.updatedAt } : null,
      inherited: inherited[field] ?? null,
      suggestion: suggest(field),
    };
  });
  return { area: { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, level: area.level }, window: win, rules };
}

const boundValue = (field: string, raw: unknown, errors: FieldErrors, key: string): number | null => {
  const v = numberFromText(raw);
  if (v === undefined || v === null) return null;
  const max = isGapField(field) ? 100 : MAX_FAMILIES;
  if (typeof v !== "number" || !Number.isFinite(v)) errors[key] = { key: "validation.invalidType", values: { expected: "number" } };
  else if (v < 0) errors[key] = { key: "validation.tooSmall", values: { minimum: 0 } };
  else if (v > max) errors[key] = { key: "validation.tooBig", values: { maximum: max } };
  else if (!isGapField(field) && !Number.isInteger(v)) errors[key] = { key: "validation.wholeNumber" };
  else if (isGapField(field) && Math.round(v * 10) !== v * 10) errors[key] = { key: "validation.oneDecimal" };
  else return v;
  return null;
};

function upsertRule(tx: Tx, me: Actor, areaId: number, field: string, rule: { min: number | null; max: number | null; origin: "manual" | "history"; basis: unknown }, at: string) {
  const values = { min: toStored(field, rule.min), max: toStored(field, rule.max), origin: rule.origin, basis: rule.basis, updatedBy: me.id, updatedAt: at };
  tx.insert(rangeRules)
    .values({ areaId, field, ...values })
    .onConflictDoUpdate({ target: [rangeRules.areaId, rangeRules.field], set: values })
    .run();
}

/**
 * Sets an area's own rules from the rules form: `min:<field>` and `max:<field>` for each figure
 * (empty: no bound; both empty: the area has no rule of its own and inherits). Checks every
 * value first (a bad one is a field error and nothing changes), then writes the changed rules and
 * one audit row with the old and new bounds. Admins only.
 */
export function setRangeRules(db: Db, actor: Actor | null, input: { pcode: unknown; values: Record<string, unknown> }): { changed: number } {
  const { me, area, fields } = ruleTarget(db, actor, input.pcode);
  const errors: FieldErrors = {};
  const wanted = new Map<string, { min: number | null; max: number | null }>();
  for (const field of fields) {
    const min = boundValue(field, input.values[`min:${field}`], errors, `min:${field}`);
    const max = boundValue(field, input.values[`max:${field}`], errors, `max:${field}`);
    if (min !== null && max !== null && min > max) errors[`max:${field}`] = { key: "validation.maxBelowMin" };
    wanted.set(field, { min, max });
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return db.transaction(
    (tx) => {
      const own = new Map(rulesOf(tx, [area.id]).map((r) => [r.field, r]));
      const oldValues: Record<string, unknown> = {};
      const newValues: Record<string, unknown> = {};
      const at = new Date().toISOString();
      for (const [field, w] of wanted) {
        const o = own.get(field);
        const before = o ? { min: fromStored(field, o.min), max: fromStored(field, o.max) } : null;
        const empty = w.min === null && w.max === null;
        if (empty ? !before : before && before.min === w.min && before.max === w.max) continue;
        if (empty) tx.delete(rangeRules).where(and(eq(rangeRules.areaId, area.id), eq(rangeRules.field, field))).run();
        else upsertRule(tx, me, area.id, field, { ...w, origin: "manual", basis: null }, at);
        oldValues[field] = before;
        newValues[field] = empty ? null : w;
      }
      const changed = Object.keys(newValues).length;
      if (changed) writeAudit(tx, me, { action: "range_rule.set", entityType: "range_rule", entityId: area.pcode, oldValues, newValues });
      return { changed };
    },
    { behavior: "immediate" },
  );
}

/**
 * Applies the history's suggestion for one figure as the area's own rule, recomputed now from the
 * same window (not taken from the form), with how it was computed kept beside it. Admins only.
 */
export function applyRangeSuggestion(db: Db, actor: Actor | null, input: { pcode: unknown; field: unknown; week?: unknown }): { field: string; suggestion: RangeSuggestion } {
  const { me, area, fields } = ruleTarget(db, actor, input.pcode);
  const field = typeof input.field === "string" && fields.includes(input.field) ? input.field : null;
  if (!field) throw invalid({ field: { key: "validation.flagField" } });
  return db.transaction(
    (tx) => {
      const { suggest } = suggestionsFor(tx, area, fields, input.week);
      const suggestion = suggest(field);
      if (!suggestion) throw notFound("errors.noRangeSuggestion");
      const before = rulesOf(tx, [area.id]).find((r) => r.field === field);
      const basis = { n: suggestion.n, median: suggestion.median, mad: suggestion.mad, from: suggestion.from, to: suggestion.to };
      upsertRule(tx, me, area.id, field, { min: suggestion.min, max: suggestion.max, origin: "history", basis }, new Date().toISOString());
      writeAudit(tx, me, {
        action: "range_rule.apply_suggestion",
        entityType: "range_rule",
        entityId: area.pcode,
        oldValues: before ? { [field]: { min: fromStored(field, before.min), max: fromStored(field, before.max), origin: before.origin } } : null,
        newValues: { [field]: { min: suggestion.min, max: suggestion.max, origin: "history", ...basis } },
      });
      return { field, suggestion };
    },
    { behavior: "immediate" },
  );
}

/** The active sectors, for pages that name the figures of the rules and outliers (any signed-in reader). */
export function activeSectorsFor(db: Db, actor: Actor | null) {
  requireActor(actor);
  return activeSectors(db).map(({ code, nameEn, nameAr }) => ({ code, nameEn, nameAr }));
}
