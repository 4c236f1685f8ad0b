import { handleListComments, handlePostComment } from "@/lib/api/follow-ups";
import { reportRead, reportWrite } from "@/lib/next/report-route";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/SY0200/2020-W04/comments — the report's comment thread. */
export const GET = reportRead(handleListComments);

/** POST /api/v1/reports/SY0200/2020-W04/comments with {"body"} as JSON. */
export const POST = reportWrite(handlePostComment);
