import { getDb } from "@/db/client";
import { readBodyText } from "@/lib/api/body";
import { answerApi } from "@/lib/api/caller";
import { handleClearFlag } from "@/lib/api/follow-ups";
import { MAX_BODY_BYTES, refuseAnonymousBody } from "@/lib/api/reports";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

const json = (result: { status: number; body: unknown }) =>
  Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });

/** POST /api/v1/flags/12/clear with {"note"} as JSON: clears an open follow-up flag. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await getApiCaller();
  const refused = refuseAnonymousBody(caller);
  if (refused) return json(refused);
  const body = await readBodyText(request, MAX_BODY_BYTES);
  return json(answerApi(getDb(), caller, () => handleClearFlag(getDb(), caller, { id, body })));
}
