import "server-only";
import type { ActionState } from "@/lib/action-state";
import type { Applied } from "@/lib/import/apply";
import { applyUpload } from "@/lib/import/uploads";
import { ndjsonStream } from "@/lib/api/json-stream";
import { runAction } from "./action";

/** One line of the import page's progress channel. */
export type ImportProgressLine = { progress: { phase: "check" | "write"; done: number; total: number } } | { state: ActionState<Applied> };

/**
 * POST /api/v1/imports/uploads/apply: the import page's apply, with JavaScript, answered as it
 * goes (NDJSON): a line per step of the check and the saves, then the form's own state, as the
 * server action (app/[locale]/reports/import/actions.ts) answers it without JavaScript. The body
 * is the apply form's fields as JSON. Under /api/v1 so that the server edge refuses it from
 * another origin with the session cookie, as it refuses a foreign server action.
 */
export function applyUploadWithProgress(body: string): Response {
  let fields: Record<string, unknown> | null = null;
  try {
    const v = JSON.parse(body) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) fields = v as Record<string, unknown>;
  } catch {
    // not JSON: answered as a bad request below
  }
  const stream = ndjsonStream(async (emit): Promise<ImportProgressLine> => {
    if (!fields) return { state: { ok: false, msg: { key: "errors.badRequest" } } };
    const input = fields;
    return { state: await runAction((db, actor) => applyUpload(db, actor, input, { onProgress: (phase, done, total) => emit({ progress: { phase, done, total } }) })) };
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
}
