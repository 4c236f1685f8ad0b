import type { Db } from "@/db/client";
import { AppError, invalid, isAppError } from "../errors";
import { applyImport, previewImport, undoImport, type ImportFile } from "../import/apply";
import type { Field } from "../import/fields";
import type { ChosenColumns } from "../import/mapping";
import { exportImportTemplate } from "../import/template";
import type { Actor } from "../auth/actor";
import { parseQuery } from "../validation/summary";
import { z } from "zod";
import { writingActor, type ApiCaller } from "./caller";
import { apiCall, englishText, type ApiResult } from "./respond";
import { MAX_IMPORT_BODY_BYTES } from "./body-limits";
import { streamedJson } from "./json-stream";


const FILE_TYPES = new Set(["text/csv", "text/plain", "application/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"]);

const flag = z.preprocess((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v), z.boolean().optional());
const importQuery = z.object({
  dryRun: flag,
  confirmWarnings: flag,
  status: z.enum(["draft", "submitted"]).optional(),
  sheet: z.string().max(100).optional(),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  /** Columns chosen by hand, as JSON: {"3": "gap:nfi", "5": null}. */
  map: z
    .string()
    .max(10_000)
    .transform((s, ctx) => {
      try {
        const v = JSON.parse(s) as unknown;
        if (v && typeof v === "object" && !Array.isArray(v) && Object.entries(v).every(([k, f]) => /^\d+$/.test(k) && (f === null || typeof f === "string"))) return v as Record<string, Field | null>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: "validation.invalid" });
      return z.NEVER;
    })
    .optional(),
});

/** A refused import: the 422 with every row, each with its spreadsheet row, column and message. */
function refusedRows(e: AppError): ApiResult {
  const base = apiCall(() => {
    throw e;
  });
  const errors = (e.rowErrors ?? []).map((r) => ({ row: r.row, column: r.column, key: r.msg.key, message: englishText(r.msg) }));
  return { status: base.status, body: { ...(base.body as object), errors } };
}

async function answer(run: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await run();
  } catch (e) {
    if (isAppError(e) && e.rowErrors) return refusedRows(e);
    return apiCall(() => {
      throw e;
    });
  }
}

/**
 * POST /api/v1/imports[?dryRun=true] — a CSV or XLSX file of weekly figures, as the raw body
 * (`Content-Type: text/csv` or the XLSX type) or as the multipart field `file`. A dry run
 * answers 200 with the plan; otherwise 201 with the import, or 422 with every refused row and
 * nothing written.
 */
export async function handlePostImport(db: Db, caller: ApiCaller, req: { query: URLSearchParams; contentType: string | null; body: Uint8Array }): Promise<ApiResult> {
  return answer(async () => {
    const actor = writingActor(caller);
    const { values: q, errors } = parseQuery(importQuery, Object.fromEntries(req.query));
    if (Object.keys(errors).length) throw invalid(errors);
    if (req.body.length > MAX_IMPORT_BODY_BYTES) throw new AppError("invalid", { key: "errors.bodyTooLarge" });
    const file = await fileOf(req.contentType, req.body);
    const chosen: ChosenColumns | undefined = q.map ? Object.fromEntries(Object.entries(q.map).map(([k, f]) => [Number(k), f])) : undefined;
    const opts = { chosen, status: q.status, sheet: q.sheet ?? null };
    if (q.dryRun) {
      const p = await previewImport(db, actor, file, opts);
      return {
        status: 200,
        body: streamedJson(
          {
            rows: p.rows,
            create: p.create,
            update: p.update,
            unchanged: p.unchanged,
            errors: p.errors.map((r) => ({ row: r.row, column: r.column, key: r.msg.key, message: englishText(r.msg) })),
            mapping: { layout: p.mapping.layout, hxlRow: p.mapping.hxlRow, columns: p.mapping.columns.map((c) => ({ index: c.index, header: c.header, hashtag: c.hashtag, field: c.field, via: c.via })) },
            fingerprint: p.fingerprint,
            sheets: p.sheets,
          },
          {
            warnings: (function* () {
              for (const i of p.items) for (const w of i.warnings) yield { row: i.row, pcode: i.pcode, week: i.week, ...w };
            })(),
            items: (function* () {
              for (const i of p.items) yield { row: i.row, pcode: i.pcode, week: i.week, action: i.action, version: i.version, changes: i.changes };
            })(),
          },
        ),
      };
    }
    const applied = await applyImport(db, actor, file, { ...opts, fingerprint: q.fingerprint, confirmWarnings: q.confirmWarnings ?? false });
    return { status: 201, body: { import: applied } };
  });
}

async function fileOf(contentType: string | null, body: Uint8Array): Promise<ImportFile> {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(Buffer.from(body), { headers: { "content-type": contentType! } }).formData();
    } catch {
      throw invalid({ file: { key: "validation.invalid" } }, { key: "errors.badRequest" });
    }
    const f = form.get("file");
    if (!(f instanceof Blob)) throw invalid({ file: { key: "validation.required" } });
    return { name: (f as File).name || "upload", bytes: new Uint8Array(await f.arrayBuffer()) };
  }
  if (!FILE_TYPES.has(type)) throw new AppError("invalid", { key: "errors.badContentType" });
  return { name: "upload", bytes: body };
}

/** DELETE /api/v1/imports/{id} — undoes an import (409 when one of its reports changed since). */
export function handleDeleteImport(db: Db, caller: ApiCaller, id: string): ApiResult {
  return apiCall(() => {
    const actor = writingActor(caller);
    const n = /^\d{1,9}$/.test(id) ? Number(id) : 0;
    return { status: 200, body: { undone: undoImport(db, actor, n) } };
  });
}

/** GET /api/v1/imports/template?format=csv|xlsx&lang=en|ar — the figures template (lib/import/template.ts). */
export function getImportTemplateApi(db: Db, actor: Actor | null, query: URLSearchParams): ApiResult {
  return apiCall(() => ({ status: 200, body: exportImportTemplate(db, actor, Object.fromEntries(query)) }));
}
