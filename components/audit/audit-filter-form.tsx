import { getTranslations } from "next-intl/server";
import { AUDIT_ENTITY_TYPES } from "@/lib/audit";
import { Link } from "@/lib/i18n/navigation";
import { isolate } from "@/lib/i18n/bidi";

export type AuditFilterValues = { entityType: string; action: string; actor: string; from: string; to: string };

/** A plain GET form: the filter lives in the URL, so it works without JavaScript and can be bookmarked. */
export async function AuditFilterForm({ values, timeZone }: { values: AuditFilterValues; timeZone: string }) {
  const t = await getTranslations("audit");
  const tc = await getTranslations("common");
  return (
    <form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" role="search" aria-label={t("filterTitle")} data-testid="audit-filter">
      <div>
        <label className="label" htmlFor="f-entityType">
          {t("entityType")}
        </label>
        <select id="f-entityType" name="entityType" defaultValue={values.entityType} className="input">
          <option value="">{tc("all")}</option>
          {AUDIT_ENTITY_TYPES.map((e) => (
            <option key={e} value={e}>
              {t(`entityTypes.${e}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="f-action">
          {t("actionContains")}
        </label>
        <input id="f-action" name="action" defaultValue={values.action} maxLength={60} dir="ltr" className="input" />
      </div>
      <div>
        <label className="label" htmlFor="f-actor">
          {t("actorContains")}
        </label>
        <input id="f-actor" name="actor" defaultValue={values.actor} maxLength={200} className="input" />
      </div>
      <div>
        <label className="label" htmlFor="f-from">
          {t("from")}
        </label>
        <input id="f-from" name="from" type="date" defaultValue={values.from} className="input" />
      </div>
      <div>
        <label className="label" htmlFor="f-to">
          {t("to")}
        </label>
        <input id="f-to" name="to" type="date" defaultValue={values.to} className="input" />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn">
          {tc("filter")}
        </button>
        <Link href="/admin/audit">{tc("clear")}</Link>
      </div>
      <p className="text-xs text-slate-600 sm:col-span-2 lg:col-span-6">{t("datesUtc", { zone: isolate(timeZone) })}</p>
    </form>
  );
}
