import { getTranslations } from "next-intl/server";
import { fieldLabel, sectorNames } from "@/components/reports/field-label";
import { weekLabelParts, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import type { OpenFollowUp } from "@/lib/reports/flags";

type Sector = { code: string; nameEn: string; nameAr: string };

/** On an area's page: the open follow-ups of the week shown, in the area and below, each linking to its report. */
export async function AreaFollowUps({
  pcode,
  week,
  open,
  sectors,
  locale,
  numerals,
}: {
  pcode: string;
  week: string;
  open: OpenFollowUp[];
  sectors: Sector[];
  locale: string;
  numerals: Numerals;
}) {
  if (!open.length) return null;
  const t = await getTranslations("followUp.area");
  const tr = await getTranslations("reports");
  const tc = await getTranslations("common");
  const trs = (key: string, values?: Record<string, string | number>) => tr(key as never, values as never);
  const sectorName = sectorNames(sectors, locale);
  return (
    <section className="alert-warn grid gap-2" aria-labelledby="area-follow-ups-title" data-testid="area-follow-ups">
      <h2 id="area-follow-ups-title" className="font-semibold">
        <span aria-hidden="true">⚑ </span>
        {t("title", { count: open.length, week: tc("weekLabel", weekLabelParts(week, locale, numerals)) })}
      </h2>
      <ul className="list-disc ps-5 text-sm">
        {open.slice(0, 20).map((o) => (
          <li key={o.id} data-testid="area-follow-up" data-pcode={o.pcode} data-field={o.field}>
            <Link href={`/reports/${o.pcode}/${o.week}#flags-title`}>
              <bdi dir="ltr">{o.pcode}</bdi> · {fieldLabel(trs, o.field, sectorName)}
            </Link>
            : <span dir="auto">{o.reason}</span>
          </li>
        ))}
      </ul>
      <p className="text-sm">
        <Link href={{ pathname: "/reports/follow-ups", query: { area: pcode, week } }} data-testid="area-follow-ups-all">
          {t("all")}
        </Link>
      </p>
    </section>
  );
}
