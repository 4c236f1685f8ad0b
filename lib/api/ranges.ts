import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { AppError, invalid, isAppError, type FieldErrors } from "../errors";
import { getRangeRules, ruleTarget, setRangeRules } from "../reports/range-rules-store";
import { writingActor, type ApiCaller } from "./caller";
import { jsonObject } from "./json-body";
import { apiCall, type ApiResult } from "./respond";

/**
 * The min-max rules of an area (decision 060), for admins: what the rules page shows and sets, as
 * JSON. A rule's field is a report figure as the warnings name it (`newlyDisplacedFamilies`,
 * `sectors.shelter.gapPct`, …).
 */

/** GET /api/v1/ranges/{pcode}[?week=2020-W10] — every figure's own rule, the inherited one, and the history's suggestion (as of `week`). */
export function handleGetRanges(db: Db, actor: Actor | null, pcode: string, query: URLSearchParams): ApiResult {
  return apiCall(() => ({ status: 200, body: getRangeRules(db, actor, { pcode, week: query.get("week") ?? undefined }) }));
}

const BOUNDS = new Set(["min", "max"]);

/**
 * PUT /api/v1/ranges/{pcode} with `{"rules": {"<field>": {"min": 0, "max": 900}, …}}`: replaces the
 * area's own rules, as the rules form does. A figure left out, or given `{"min": null, "max": null}`,
 * has no rule of its own and inherits. 200 with how many changed and the rules as they now are;
 * 422 naming each bad value (`rules.<field>.max`) and nothing changed.
 */
export function handlePutRanges(db: Db, caller: ApiCaller, req: { pcode: string; body: string }): ApiResult {
  return apiCall(() => {
    const actor = writingActor(caller);
    // Who may, and which area and figures there are, before the body is read.
    const fields = new Set(ruleTarget(db, actor, req.pcode).fields);
    const rules = jsonObject(req.body).rules;
    if (typeof rules !== "object" || rules === null || Array.isArray(rules)) throw invalid({ rules: { key: "validation.required" } });
    const errors: FieldErrors = {};
    const values: Record<string, string> = {};
    for (const [field, rule] of Object.entries(rules as Record<string, unknown>)) {
      const at = `rules.${field}`;
      if (!fields.has(field)) errors[at] = { key: "validation.flagField" };
      else if (typeof rule !== "object" || rule === null || Array.isArray(rule)) errors[at] = { key: "validation.invalidType", values: { expected: "object" } };
      else {
        const extra = Object.keys(rule).filter((k) => !BOUNDS.has(k));
        if (extra.length) errors[at] = { key: "validation.unknownKeys", values: { keys: extra.join(", ") } };
        for (const bound of BOUNDS) {
          const v = (rule as Record<string, unknown>)[bound];
          if (v === undefined || v === null) continue;
          if (typeof v !== "number") errors[`${at}.${bound}`] = { key: "validation.invalidType", values: { expected: "number" } };
          else values[`${bound}:${field}`] = String(v);
        }
      }
    }
    if (Object.keys(errors).length) throw invalid(errors);
    let changed: number;
    try {
      ({ changed } = setRangeRules(db, actor, { pcode: req.pcode, values }));
    } catch (e) {
      // The form's field names ("max:<field>") as the body names them ("rules.<field>.max").
      if (isAppError(e) && e.fieldErrors)
        throw new AppError(e.code, e.msg, Object.fromEntries(Object.entries(e.fieldErrors).map(([k, m]) => [k.replace(/^(min|max):(.+)$/, "rules.$2.$1"), m])));
      throw e;
    }
    return { status: 200, body: { changed, ...getRangeRules(db, actor, { pcode: req.pcode }) } };
  });
}
