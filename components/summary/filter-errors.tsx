import type { FieldErrors } from "@/lib/errors";
import type { Formatters } from "@/lib/i18n/server-formatters";

/** Values from the address that were not understood: said plainly, with what was used instead. */
export function FilterErrors({ errors, f }: { errors: FieldErrors; f: Formatters }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  const t = f.tr;
  return (
    <div role="alert" className="alert-error" data-testid="filter-errors">
      <p>{t("summary.filtersReset")}</p>
      <ul className="ms-5 list-disc">
        {entries.map(([field, m]) => (
          <li key={field}>
            <span dir="ltr">{field}</span>: {t(m.key, m.values)}
          </li>
        ))}
      </ul>
    </div>
  );
}
