import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AreaBreadcrumb } from "@/components/areas/area-breadcrumb";
import { AreaCreateForm } from "@/components/areas/area-create-form";
import { AreaRenameForm } from "@/components/areas/area-rename-form";
import { AreaTable } from "@/components/areas/area-table";
import { AreaFigures } from "@/components/summary/area-figures";
import { getArea, getAreaBreadcrumb, listAreaChildren } from "@/lib/areas";
import { coversArea } from "@/lib/auth/authorize";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { loadAreaFigures } from "@/lib/summary/area-figures";
import { listOpenFollowUps } from "@/lib/reports/flags";
import { AreaFollowUps } from "@/components/follow-up/area-follow-ups";
import { pcodeFromParam } from "@/lib/validation/pcode-param";
import { weekOf } from "@/lib/weeks";
import { createAreaAction, renameAreaAction } from "../actions";
import { titled } from "@/lib/next/page-title";
import { isolate } from "@/lib/i18n/bidi";

export const generateMetadata = titled("areas.title", (p) => pcodeFromParam(p.pcode ?? ""));

export default async function AreaPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string; pcode: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale, pcode: rawPcode } = await params;
  setRequestLocale(locale);
  const pcode = pcodeFromParam(rawPcode);
  if (!pcode) notFound();
  const actor = await pageActor(locale, `/areas/${encodeURIComponent(pcode)}`);
  const t = await getTranslations("areas");
  const tc = await getTranslations("common");
  const tr = await getTranslations("reports");
  // /areas/sy07 works (the code is upper-cased); an unknown or malformed code is a 404.
  const area = pageData(locale, (db) => getArea(db, actor, pcode));
  const trail = pageData(locale, (db) => getAreaBreadcrumb(db, actor, area.pcode));
  const children = pageData(locale, (db) => listAreaChildren(db, actor, area.pcode));
  // WEEKLY FIGURES data: the week, sort and trend range come from the URL.
  const sp = await searchParams;
  const figures = pageData(locale, (db) => loadAreaFigures(db, actor, area.pcode, sp, locale));
  const isAdmin = actor.role === "admin";
  const openFollowUps = pageData(locale, (db) => listOpenFollowUps(db, actor, { area: area.pcode, from: figures.week, to: figures.week }));
  const main = locale === "ar" ? area.nameAr : area.nameEn;
  return (
    <div className="grid gap-6">
      <AreaBreadcrumb trail={trail} locale={locale} />
      <section aria-labelledby="area-title" className="card">
        <h1 id="area-title" className="mb-3 text-2xl font-bold">
          {main}
        </h1>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm" data-testid="area-details">
          <dt className="font-medium">{t("nameEn")}</dt>
          <dd>
            <bdi lang="en">{area.nameEn}</bdi>
          </dd>
          <dt className="font-medium">{t("nameAr")}</dt>
          <dd>
            <bdi lang="ar">{area.nameAr}</bdi>
          </dd>
          <dt className="font-medium">{t("level")}</dt>
          <dd>{tc(`levels.${area.level}`)}</dd>
          <dt className="font-medium">{t("pcode")}</dt>
          <dd>
            <span dir="ltr" data-testid="area-pcode">
              {area.pcode}
            </span>
          </dd>
        </dl>
      </section>

      <AreaFollowUps pcode={area.pcode} week={figures.week} open={openFollowUps} sectors={figures.sectors} locale={locale} numerals={actor.numerals} />

      {/* WEEKLY FIGURES: the week's figures (own report or rollup), trends, sub-areas' figures and report history. */}
      <AreaFigures area={area} data={figures} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} before={typeof sp.before === "string" ? sp.before : null} />
      {coversArea(actor, area.path) ? (
        <p className="text-sm" data-testid="enter-figures">
          <Link href={`/reports/${area.pcode}/${weekOf(new Date())}`}>{tr("areaLink")}</Link>{" "}
          <span className="text-slate-600">{tr("areaLinkHelp")}</span>
        </p>
      ) : null}

      <section aria-labelledby="children-title" className="card">
        <h2 id="children-title" className="mb-3 text-lg font-semibold">
          {t("subAreas")}
        </h2>
        <AreaTable
          rows={children}
          locale={locale}
          numerals={actor.numerals}
          caption={t("childrenOf", { name: isolate(main) })}
          testId="children"
        />
      </section>

      {isAdmin ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {/* Keyed by area: moving to another area must not carry over the last form's result. */}
          <AreaRenameForm
            key={`rename-${area.pcode}`}
            area={{ pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, version: area.version }}
            action={renameAreaAction}
          />
          {area.level < 4 ? <AreaCreateForm key={`add-${area.pcode}`} parentPcode={area.pcode} action={createAreaAction} /> : null}
        </div>
      ) : null}
    </div>
  );
}
