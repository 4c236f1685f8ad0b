import { getTranslations } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import type { AreaSummary } from "@/lib/areas";
import { Link } from "@/lib/i18n/navigation";

/**
 * "Areas / Idleb / Harim / …". A flex row follows the page direction, so in Arabic it reads
 * right to left; the slash separator points nowhere, so it needs no mirroring.
 */
export async function AreaBreadcrumb({ trail, locale }: { trail: AreaSummary[]; locale: string }) {
  const t = await getTranslations("areas");
  const sep = (
    <span aria-hidden="true" className="text-slate-400">
      /
    </span>
  );
  return (
    <nav aria-label={t("breadcrumb")} data-testid="breadcrumb">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <li className="flex items-center gap-x-2">
          <Link href="/areas">{t("title")}</Link>
        </li>
        {trail.map((a, i) => {
          const last = i === trail.length - 1;
          return (
            <li key={a.pcode} className="flex items-center gap-x-2">
              {sep}
              {last ? (
                <span aria-current="page" className="font-semibold">
                  <AreaName area={a} locale={locale} withCode={false} />
                </span>
              ) : (
                <Link href={`/areas/${a.pcode}`}>
                  <AreaName area={a} locale={locale} withCode={false} />
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
