import { getTranslations, setRequestLocale } from "next-intl/server";
import { AreaCreateForm } from "@/components/areas/area-create-form";
import { AreaTable } from "@/components/areas/area-table";
import { listAreaChildren } from "@/lib/areas";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { createAreaAction } from "./actions";
import { titled } from "@/lib/next/page-title";

export const generateMetadata = titled("areas.title");

export default async function AreasPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/areas");
  const t = await getTranslations("areas");
  const governorates = pageData(locale, (db) => listAreaChildren(db, actor, null));
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <section aria-labelledby="governorates" className="card">
        <h2 id="governorates" className="mb-3 text-lg font-semibold">
          {t("governorates")}
        </h2>
        <AreaTable
          rows={governorates}
          locale={locale}
          numerals={actor.numerals}
          caption={t("governorates")}
          testId="governorates"
        />
      </section>
      {actor.role === "admin" ? <AreaCreateForm parentPcode={null} action={createAreaAction} /> : null}
    </div>
  );
}
