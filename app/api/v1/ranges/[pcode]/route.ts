import { getDb } from "@/db/client";
import { toResponse } from "@/lib/api/http";
import { readBodyText } from "@/lib/api/body";
import { answerApi } from "@/lib/api/caller";
import { MAX_BODY_BYTES } from "@/lib/api/body-limits";
import { handleGetRanges, handlePutRanges } from "@/lib/api/ranges";
import { refuseAnonymousBody } from "@/lib/api/reports";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ pcode: string }> };

/** GET /api/v1/ranges/SY0200[?week=2020-W10] — see lib/api/ranges.ts. */
export async function GET(request: Request, { params }: Params) {
  const { pcode } = await params;
  return toResponse(answerApi(getDb(), await getApiCaller(), (actor) => handleGetRanges(getDb(), actor, pcode, new URL(request.url).searchParams)));
}

/** PUT /api/v1/ranges/SY0200 with {"rules": {…}} — see lib/api/ranges.ts. */
export async function PUT(request: Request, { params }: Params) {
  const { pcode } = await params;
  const caller = await getApiCaller();
  const refused = refuseAnonymousBody(caller);
  if (refused) return toResponse(refused);
  const body = await readBodyText(request, MAX_BODY_BYTES);
  return toResponse(answerApi(getDb(), caller, () => handlePutRanges(getDb(), caller, { pcode, body })));
}
