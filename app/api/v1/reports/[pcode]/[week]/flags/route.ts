import { handleListFlags, handlePostFlag } from "@/lib/api/follow-ups";
import { reportRead, reportWrite } from "@/lib/next/report-route";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/SY0200/2020-W04/flags — the report's follow-up flags. */
export const GET = reportRead(handleListFlags);

/** POST /api/v1/reports/SY0200/2020-W04/flags with {"field","reason"} as JSON. */
export const POST = reportWrite(handlePostFlag);
