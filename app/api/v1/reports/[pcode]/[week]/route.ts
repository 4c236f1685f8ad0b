import { handleGetReport, handlePutReport } from "@/lib/api/reports";
import { reportRead, reportWrite } from "@/lib/next/report-route";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/SY0200/2020-W04 — one report. */
export const GET = reportRead(handleGetReport);

/** PUT /api/v1/reports/SY0200/2020-W04 — create (version 0) or update (the stored version) the week's figures. */
export const PUT = reportWrite(handlePutReport);
