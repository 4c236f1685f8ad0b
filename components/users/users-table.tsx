import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import type { UserListItem } from "@/lib/users";
import { ScrollBox } from "@/components/scroll-box";

export async function UsersTable({ users }: { users: UserListItem[] }) {
  const t = await getTranslations("users");
  const tc = await getTranslations("common");
  return (
    <ScrollBox labelledBy="users-table-caption">
      <table className="table sticky-first" data-testid="users-table">
        <caption id="users-table-caption" className="sr-only">
          {t("caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.name")}</th>
            <th scope="col">{t("columns.email")}</th>
            <th scope="col">{t("columns.role")}</th>
            <th scope="col">{t("columns.areas")}</th>
            <th scope="col">{t("columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row" className={u.active ? undefined : "text-slate-500"}>
              <td>{u.name}</td>
              <td>
                <Link href={`/admin/users/${u.id}`} dir="ltr">
                  {u.email}
                </Link>
              </td>
              <td>{tc(`roles.${u.role}`)}</td>
              <td>{u.areas.length ? <span dir="ltr">{u.areas.join(", ")}</span> : tc("none")}</td>
              <td data-testid="user-status">{u.active ? t("status.active") : t("status.inactive")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
