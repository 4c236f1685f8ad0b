import { getDb } from "@/db/client";
import { toResponse } from "@/lib/api/http";
import { readBodyText } from "@/lib/api/body";
import { answerApi } from "@/lib/api/caller";
import { handleClearFlag } from "@/lib/api/follow-ups";
import { refuseAnonymousBody } from "@/lib/api/reports";
import { MAX_BODY_BYTES } from "@/lib/api/body-limits";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";


/** POST /api/v1/flags/12/clear with {"note"} as JSON: clears an open follow-up flag. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await getApiCaller();
  const refused = refuseAnonymousBody(caller);
  if (refused) return toResponse(refused);
  const body = await readBodyText(request, MAX_BODY_BYTES);
  return toResponse(answerApi(getDb(), caller, () => handleClearFlag(getDb(), caller, { id, body })));
}
