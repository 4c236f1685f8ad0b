import type { Formatters } from "@/lib/i18n/server-formatters";

/** CSV and XLSX downloads of a table (API routes, so the same file a script would get). */
export function ExportLinks({ path, query, locale, testId, f }: { path: string; query: Record<string, string>; locale: string; testId: string; f: Formatters }) {
  const t = f.scope("exports");
  const href = (format: string) => `${path}?${new URLSearchParams({ ...query, format, lang: locale }).toString()}`;
  return (
    <div className="no-print grid gap-1 text-sm" data-testid={testId}>
      <p className="font-medium">{t("title")}</p>
      <ul className="flex flex-wrap gap-4">
        <li>
          <a href={href("csv")} download data-testid={`${testId}-csv`}>
            {t("csv")}
          </a>
        </li>
        <li>
          <a href={href("xlsx")} download data-testid={`${testId}-xlsx`}>
            {t("xlsx")}
          </a>
        </li>
      </ul>
      <p className="text-xs text-slate-600">{t("help")}</p>
    </div>
  );
}
