import { getTranslations, setRequestLocale } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { countAreas, listAreaChildren, listAssignedAreas } from "@/lib/areas";
import { formatNumber, weekLabelParts } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/page-guard";
import { weekOf } from "@/lib/weeks";

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/");
  const t = await getTranslations("common");
  const mine = actor.role === "coordinator" ? pageData(locale, (db) => listAssignedAreas(db, actor)) : [];
  const governorates = pageData(locale, (db) => listAreaChildren(db, actor, null));
  const total = pageData(locale, (db) => countAreas(db, actor));
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("home.title", { name: actor.name })}</h1>
        <p className="text-sm text-slate-600" data-testid="current-week">
          {t("home.currentWeek", { label: t("weekLabel", weekLabelParts(weekOf(new Date()), locale, actor.numerals)) })}
        </p>
      </div>
      {actor.role === "coordinator" ? (
        <section className="card" aria-labelledby="my-areas">
          <h2 id="my-areas" className="mb-1 text-lg font-semibold">
            {t("home.myAreas")}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{t("home.myAreasHelp")}</p>
          {mine.length ? (
            <ul className="grid gap-1" data-testid="my-areas">
              {mine.map((a) => (
                <li key={a.pcode}>
                  <Link href={`/areas/${a.pcode}`}>
                    <AreaName area={a} locale={locale} />
                  </Link>{" "}
                  <span className="text-xs text-slate-600">· {t(`levels.${a.level}`)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("home.noAreas")}</p>
          )}
        </section>
      ) : null}
      {actor.role === "admin" ? (
        <section className="card">
          <h2 className="mb-1 text-lg font-semibold">{t("home.admin")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("home.adminHelp")}</p>
          <ul className="flex flex-wrap gap-4">
            <li>
              <Link href="/admin/users">{t("nav.users")}</Link>
            </li>
            <li>
              <Link href="/admin/areas/import">{t("nav.importAreas")}</Link>
            </li>
            <li>
              <Link href="/admin/audit">{t("nav.audit")}</Link>
            </li>
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="overview">
        <h2 id="overview" className="mb-1 text-lg font-semibold">
          {t("home.overview")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("home.overviewHelp", { areas: formatNumber(total, locale, actor.numerals) })}</p>
        <ul className="grid gap-1 sm:grid-cols-2">
          {governorates.map((g) => (
            <li key={g.pcode}>
              <Link href={`/areas/${g.pcode}`}>
                <AreaName area={g} locale={locale} />
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
