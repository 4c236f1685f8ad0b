import "server-only";
import type { ActionState } from "@/lib/action-state";
import type { Applied } from "@/lib/import/apply";
import { applyUpload } from "@/lib/import/uploads";
import { ndjsonStream } from "@/lib/api/json-stream";
import { jsonObject } from "@/lib/api/json-body";
import { requireRole } from "@/lib/auth/authorize";
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
  const stream = ndjsonStream(
    async (emit): Promise<ImportProgressLine> => ({
      state: await runAction((db, actor) => {
        // Who may ask is answered before the body: then a body that is not a JSON object is refused as the API refuses one.
        requireRole(actor, "admin", "coordinator");
        return applyUpload(db, actor, jsonObject(body), { onProgress: (phase, done, total) => emit({ progress: { phase, done, total } }) });
      }),
    }),
  );
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
}
