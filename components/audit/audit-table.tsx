import { getTranslations } from "next-intl/server";
import type { AuditRow } from "@/lib/audit";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { AuditChanges } from "./audit-changes";
import { ScrollBox } from "@/components/scroll-box";
import { isolate } from "@/lib/i18n/bidi";

export async function AuditTable({ rows, locale, numerals, timeZone }: { rows: AuditRow[]; locale: string; numerals: Numerals; timeZone: string }) {
  const t = await getTranslations("audit");
  if (!rows.length) return <p data-testid="audit-empty">{t("empty")}</p>;
  // Actions and entity types added later still show, as their code, until the catalogue names them.
  const actionLabel = (a: string) => (t.has(`actions.${a}`) ? t(`actions.${a}`) : null);
  const typeLabel = (e: string) => (t.has(`entityTypes.${e}`) ? t(`entityTypes.${e}`) : e);
  return (
    <ScrollBox labelledBy="audit-table-caption">
      <table className="table sticky-first" data-testid="audit-table">
        <caption id="audit-table-caption" className="sr-only">
          {t("caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("when")}</th>
            <th scope="col">{t("who")}</th>
            <th scope="col">{t("action")}</th>
            <th scope="col">{t("entity")}</th>
            <th scope="col">{t("changes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const label = actionLabel(r.action);
            return (
              <tr key={r.id} data-testid="audit-row" data-action={r.action} data-entity-type={r.entityType}>
                <td className="num whitespace-nowrap">
                  <time dateTime={r.at}>{formatDateTime(r.at, locale, numerals, timeZone)}</time>
                </td>
                <td>
                  {r.actorName ? (
                    <div>
                      <bdi>{r.actorName}</bdi>
                    </div>
                  ) : null}
                  <div className="text-xs text-slate-600">
                    <bdi dir="ltr">{r.actorLabel}</bdi>
                  </div>
                </td>
                <td>
                  {/* An action the catalogue does not name yet shows as its code, never as nothing. */}
                  {label ? (
                    <div>{label}</div>
                  ) : (
                    <code dir="ltr" className="text-xs text-slate-600">
                      {r.action}
                    </code>
                  )}
                </td>
                <td>
                  <div>{typeLabel(r.entityType)}</div>
                  {r.entityId ? (
                    r.entityType === "area" ? (
                      <Link href={`/areas/${r.entityId}`} dir="ltr" className="text-xs">
                        {r.entityId}
                      </Link>
                    ) : r.entityType === "report" && /^[A-Za-z0-9]+\/\d{4}-W\d{2}$/.test(r.entityId) ? (
                      // Weekly reports are named "SY0200/2020-W04", which is also their page.
                      <Link href={`/reports/${r.entityId}`} dir="ltr" className="text-xs">
                        {r.entityId}
                      </Link>
                    ) : r.entityAccount ? (
                      // An account by its name and e-mail, each isolated: a Latin name must not reorder the Arabic around it.
                      <span className="text-xs" data-testid="audit-entity-account">
                        <bdi>{r.entityAccount.name}</bdi> <bdi dir="ltr">{r.entityAccount.email}</bdi>
                      </span>
                    ) : (
                      <span className="text-xs">{t("entityNumber", { id: isolate(r.entityId) })}</span>
                    )
                  ) : null}
                </td>
                <td>
                  <AuditChanges oldValues={r.oldValues} newValues={r.newValues} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}
