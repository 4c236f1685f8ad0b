import { getDb } from "@/db/client";
import { answerApi } from "@/lib/api/caller";
import { toResponse } from "@/lib/api/http";
import { getReportingRateApi } from "@/lib/api/reporting-rate";
import { getApiCaller } from "@/lib/next/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/reporting-rate[?level=1&area=SY02&end=2020-W10&format=csv|xlsx] — reported vs expected per area and week (admins). */
export async function GET(request: Request) {
  const result = answerApi(getDb(), await getApiCaller(), (actor) => getReportingRateApi(getDb(), actor, new URL(request.url).searchParams));
  return toResponse(result);
}
