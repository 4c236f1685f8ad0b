import { getTranslations, setRequestLocale } from "next-intl/server";
import { SectorCreateForm, SectorEditForm } from "@/components/sectors/sector-form";
import { SectorTable } from "@/components/sectors/sector-table";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { titled } from "@/lib/next/page-title";
import { listSectorsForAdmin } from "@/lib/sectors";
import { createSectorAction, moveSectorAction, setSectorActiveAction, updateSectorAction } from "./actions";

export const generateMetadata = titled("round.sectors.title");

/** Admin: the sectors every form, summary, export and import follows; `?edit=code` opens one for renaming. */
export default async function AdminSectorsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/admin/sectors", "admin");
  const sectors = pageData(locale, (db) => listSectorsForAdmin(db, actor));
  const edit = (await searchParams).edit;
  const editing = typeof edit === "string" ? sectors.find((s) => s.code === edit) : undefined;
  const t = await getTranslations("round.sectors");
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm">{t("help")}</p>
      <SectorTable sectors={sectors} locale={locale} move={moveSectorAction} setActive={setSectorActiveAction} />
      {editing ? <SectorEditForm key={editing.code} sector={editing} action={updateSectorAction} /> : null}
      <SectorCreateForm action={createSectorAction} />
    </div>
  );
}
