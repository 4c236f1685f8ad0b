import { getTranslations } from "next-intl/server";
import { ROLES } from "@/lib/roles";
import { Link } from "@/lib/i18n/navigation";

export type UserFilterValues = { role?: string; status?: string; q?: string };

/** A plain GET form: the filters live in the URL, so a filtered list can be bookmarked and works without JavaScript. */
export async function UserFilterForm({ values }: { values: UserFilterValues }) {
  const t = await getTranslations("users.filter");
  const tu = await getTranslations("users");
  const tc = await getTranslations("common");
  return (
    <form method="get" className="card flex flex-wrap items-end gap-3" role="search" aria-label={t("legend")}>
      <div>
        <label className="label" htmlFor="filter-role">
          {t("role")}
        </label>
        <select id="filter-role" name="role" className="input" defaultValue={values.role ?? ""}>
          <option value="">{tc("all")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tc(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="filter-status">
          {t("status")}
        </label>
        <select id="filter-status" name="status" className="input" defaultValue={values.status ?? ""}>
          <option value="">{tc("all")}</option>
          <option value="active">{tu("status.active")}</option>
          <option value="inactive">{tu("status.inactive")}</option>
        </select>
      </div>
      <div className="min-w-56 grow">
        <label className="label" htmlFor="filter-q">
          {t("q")}
        </label>
        <input id="filter-q" name="q" type="search" className="input" defaultValue={values.q ?? ""} />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn">
          {t("submit")}
        </button>
        <Link href="/admin/users">{t("clear")}</Link>
      </div>
    </form>
  );
}
