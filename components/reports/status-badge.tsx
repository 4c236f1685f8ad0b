import { getTranslations } from "next-intl/server";

const STYLE: Record<string, string> = {
  missing: "border-slate-300 bg-slate-100 text-slate-700",
  draft: "border-amber-300 bg-amber-50 text-amber-900",
  submitted: "border-sky-300 bg-sky-50 text-sky-900",
  approved: "border-green-300 bg-green-50 text-green-900",
};

export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("reports.status");
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${STYLE[status] ?? STYLE.missing}`} data-testid="report-status" data-status={status}>
      {t(status)}
    </span>
  );
}
