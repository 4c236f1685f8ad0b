import { getDb } from "@/db/client";
import { toResponse } from "@/lib/api/http";
import { readBodyBytes } from "@/lib/api/body";
import { noteApiAnswer, passwordChangeRefusal } from "@/lib/api/caller";
import { handlePostImport } from "@/lib/api/imports";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/api/body-limits";
import { refuseAnonymousBody } from "@/lib/api/reports";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** POST /api/v1/imports[?dryRun=true] — see lib/api/imports.ts and docs/api.md. */
export async function POST(request: Request) {
  const caller = await getApiCaller();
  const refused = refuseAnonymousBody(caller) ?? passwordChangeRefusal(caller);
  if (refused) return toResponse(refused);
  const body = await readBodyBytes(request, MAX_IMPORT_BODY_BYTES);
  const result = await handlePostImport(getDb(), caller, { query: new URL(request.url).searchParams, contentType: request.headers.get("content-type"), body });
  noteApiAnswer(getDb(), caller, result.status);
  return toResponse(result);
}
