import { getDb } from "@/db/client";
import { answerApi } from "@/lib/api/caller";
import { toResponse } from "@/lib/api/http";
import { getImportTemplateApi } from "@/lib/api/imports";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/imports/template?format=csv|xlsx&lang=en|ar — the figures import template, streamed. */
export async function GET(request: Request) {
  const result = answerApi(getDb(), await getApiCaller(), (actor) => getImportTemplateApi(getDb(), actor, new URL(request.url).searchParams));
  return toResponse(result);
}
