"use client";

import { useLocale, useTranslations } from "next-intl";
import type { AreaImportSummary } from "@/lib/area-import";
import { formatNumber, type Numerals } from "@/lib/i18n/format";
import { ScrollBox } from "@/components/scroll-box";

type Names = { nameEn: string; nameAr: string };

function BothNames({ names }: { names: Names }) {
  return (
    <>
      <bdi lang="en">{names.nameEn}</bdi>
      <span className="mx-1 text-slate-400">·</span>
      <bdi lang="ar">{names.nameAr}</bdi>
    </>
  );
}

/** Counts of a planned (or applied) import, and the first entries of each kind of change. */
export function ImportPlanView({ plan, numerals, testId }: { plan: AreaImportSummary; numerals: Numerals; testId: string }) {
  const t = useTranslations("import");
  const tc = useTranslations("common");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale, numerals);
  const counts: [string, number][] = [
    ["countRows", plan.rows],
    ["countAdded", plan.addedCount],
    ["countRenamed", plan.renamedCount],
    ["countMoved", plan.movedCount],
    ["countUnchanged", plan.unchanged],
    ["countNotInFile", plan.notInFile],
  ];
  const more = (shown: number, total: number) =>
    total > shown ? <p className="mt-1 text-xs text-slate-600">{t("showingFirst", { shown: n(shown), total: n(total) })}</p> : null;
  const top = <span className="text-slate-500">{t("topLevel")}</span>;

  return (
    <div className="grid gap-4" data-testid={testId}>
      <dl className="grid grid-cols-[1fr_max-content] gap-x-6 gap-y-1 text-sm sm:max-w-md" data-testid="import-counts">
        {counts.map(([key, value]) => (
          <div key={key} className="contents" data-count={key}>
            <dt>{t(key)}</dt>
            <dd className="num text-end font-semibold">{n(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-600">{t("notInFileNote")}</p>

      {plan.added.length ? (
        <section aria-labelledby={`${testId}-added`}>
          <h3 id={`${testId}-added`} className="mb-1 font-semibold">
            {t("addedTitle")}
          </h3>
          <ScrollBox labelledBy={`${testId}-added`}>
            <table className="table" data-testid="import-added">
              <thead>
                <tr>
                  <th scope="col">{t("colPcode")}</th>
                  <th scope="col">{t("colNames")}</th>
                  <th scope="col">{t("colLevel")}</th>
                  <th scope="col">{t("colParent")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.added.map((a) => (
                  <tr key={a.pcode}>
                    <td>
                      <span dir="ltr">{a.pcode}</span>
                    </td>
                    <td>
                      <BothNames names={a} />
                    </td>
                    <td>{tc(`levels.${a.level}`)}</td>
                    <td>{a.parentPcode ? <span dir="ltr">{a.parentPcode}</span> : top}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          {more(plan.added.length, plan.addedCount)}
        </section>
      ) : null}

      {plan.renamed.length ? (
        <section aria-labelledby={`${testId}-renamed`}>
          <h3 id={`${testId}-renamed`} className="mb-1 font-semibold">
            {t("renamedTitle")}
          </h3>
          <ScrollBox labelledBy={`${testId}-renamed`}>
            <table className="table" data-testid="import-renamed">
              <thead>
                <tr>
                  <th scope="col">{t("colPcode")}</th>
                  <th scope="col">{t("colFrom")}</th>
                  <th scope="col">{t("colTo")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.renamed.map((r) => (
                  <tr key={r.pcode}>
                    <td>
                      <span dir="ltr">{r.pcode}</span>
                    </td>
                    <td>
                      <BothNames names={r.from} />
                    </td>
                    <td>
                      <BothNames names={r.to} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          {more(plan.renamed.length, plan.renamedCount)}
        </section>
      ) : null}

      {plan.moved.length ? (
        <section aria-labelledby={`${testId}-moved`}>
          <h3 id={`${testId}-moved`} className="mb-1 font-semibold">
            {t("movedTitle")}
          </h3>
          <ScrollBox labelledBy={`${testId}-moved`}>
            <table className="table" data-testid="import-moved">
              <thead>
                <tr>
                  <th scope="col">{t("colPcode")}</th>
                  <th scope="col">{t("colFromParent")}</th>
                  <th scope="col">{t("colToParent")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.moved.map((m) => (
                  <tr key={m.pcode}>
                    <td>
                      <span dir="ltr">{m.pcode}</span>
                    </td>
                    <td>{m.fromParent ? <span dir="ltr">{m.fromParent}</span> : top}</td>
                    <td>{m.toParent ? <span dir="ltr">{m.toParent}</span> : top}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          {more(plan.moved.length, plan.movedCount)}
        </section>
      ) : null}
    </div>
  );
}
