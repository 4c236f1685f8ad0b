import { getTranslations } from "next-intl/server";

/**
 * The one palette for a report's status ("missing" is a week without a report), used by this
 * badge and by the area page's list of reported weeks (components/summary/area-report-weeks.tsx).
 */
const REPORT_STATUS_STYLE: Record<string, string> = {
  missing: "border-slate-300 bg-slate-100 text-slate-700",
  draft: "border-amber-300 bg-amber-50 text-amber-900",
  submitted: "border-sky-300 bg-sky-50 text-sky-900",
  approved: "border-green-300 bg-green-50 text-green-900",
  // A draft sent back by an admin: it needs the coordinator before anything else.
  returned: "border-rose-300 bg-rose-50 text-rose-900",
};

/** The badge's classes for a status: its colours, and the shape every status badge shares. */
export function reportStatusClass(status: string): string {
  return `inline-block rounded border px-2 py-0.5 text-xs font-medium ${REPORT_STATUS_STYLE[status] ?? REPORT_STATUS_STYLE.missing}`;
}

export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("reports.status");
  return (
    <span className={reportStatusClass(status)} data-testid="report-status" data-status={status}>
      {t(status)}
    </span>
  );
}
