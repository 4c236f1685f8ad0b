import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import type { AreaSummary } from "@/lib/areas";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { ScrollBox } from "@/components/scroll-box";

type Row = AreaSummary & { childCount: number };

/** Areas one level below something (or the governorates), each linking to its own page. */
export async function AreaTable({
  rows,
  locale,
  numerals,
  caption,
  testId,
}: {
  rows: Row[];
  locale: string;
  numerals: Numerals;
  caption: string;
  testId: string;
}) {
  const t = await getTranslations("areas");
  const tc = await getTranslations("common");
  if (!rows.length) return <p data-testid={testId}>{t("noChildren")}</p>;
  return (
    <ScrollBox labelledBy={`${testId}-caption`}>
      <table className="table sticky-first" data-testid={testId}>
        <caption id={`${testId}-caption`} className="sr-only">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("pcode")}</th>
            <th scope="col">{t("level")}</th>
            <th scope="col" className="text-end">
              {t("subAreas")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.pcode} data-pcode={a.pcode}>
              <td>
                <Link href={`/areas/${a.pcode}`}>
                  <AreaName area={a} locale={locale} withCode={false} />
                </Link>
              </td>
              <td>
                <span dir="ltr">{a.pcode}</span>
              </td>
              <td>{tc(`levels.${a.level}`)}</td>
              <td className="num text-end">{formatNumber(a.childCount, locale, numerals)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
