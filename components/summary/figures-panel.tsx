import type { WeekChange, WeekFigures } from "@/lib/figures/read";
import { basisText } from "@/lib/figures/basis-text";
import type { Formatters } from "@/lib/i18n/server-formatters";

type Key = "newlyDisplacedFamilies" | "repeatDisplacedFamilies" | "totalDisplacedFamilies";

/**
 * The week's three counts, each with its change from the week before (like with like: only the
 * areas with figures in both weeks), how they were obtained, and what of the total is carried forward.
 */
export function FiguresPanel({ figures, change, f, country = false }: { figures: WeekFigures; change: WeekChange; f: Formatters; country?: boolean }) {
  const t = f.t;
  if (figures.basis === "none" && figures.totalDisplacedFamilies === null)
    return (
      <p className="text-sm text-slate-700" data-testid="figures-none">
        {t("figures.none")}
      </p>
    );
  const changeOf = (key: Key) => {
    const now = change.now[key];
    const before = change.before[key];
    if (figures[key] === null || now === null || before === null) return t("figures.changeNone");
    if (now === before) return t("figures.changeSame");
    return now > before ? t("figures.changeUp", { value: f.n(now - before) }) : t("figures.changeDown", { value: f.n(before - now) });
  };
  const items: { key: Key; label: string; id: string }[] = [
    { key: "newlyDisplacedFamilies", label: t("figures.newly"), id: "fig-newly" },
    { key: "repeatDisplacedFamilies", label: t("figures.repeat"), id: "fig-repeat" },
    { key: "totalDisplacedFamilies", label: t("figures.total"), id: "fig-total" },
  ];
  const d = figures.discrepancy;
  return (
    <div className="grid gap-3">
      <p className="text-sm">
        <span className="font-medium">{t("figures.howObtained")}</span>{" "}
        <span data-testid="basis">
          <span data-basis={figures.basis}>
            {country && figures.basis === "children" ? t("basis.country", { count: figures.childrenCount }) : basisText(t, figures)}
          </span>
        </span>
      </p>
      {figures.basis === "none" ? (
        <p className="text-sm text-slate-700" data-testid="figures-none">
          {t("figures.noneButCarried")}
        </p>
      ) : null}
      <dl className="grid gap-3 sm:grid-cols-3">
        {items.map((i) => (
          <div key={i.key} className="rounded border border-slate-200 p-3">
            <dt className="text-sm text-slate-700">{i.label}</dt>
            <dd className="num text-2xl font-bold" data-testid={i.id}>
              {figures[i.key] === null ? <span className="text-base font-normal">{t("figures.noFigure")}</span> : f.n(figures[i.key])}
            </dd>
            <dd className="text-xs text-slate-600" data-testid={`${i.id}-change`}>
              {changeOf(i.key)}
            </dd>
            {i.key === "totalDisplacedFamilies" && figures.carried ? (
              <dd className="text-xs text-amber-900" data-testid="fig-total-carried">
                {t("figures.carried", { families: f.n(figures.carried.families), areas: figures.carried.areas, since: f.week(figures.carried.since) })}
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-600" data-testid="change-basis">
        {change.compared === 0
          ? t("figures.changeBasisNone")
          : change.leftOut
            ? t("figures.changeBasisPartial", { compared: change.compared, leftOut: change.leftOut })
            : t("figures.changeBasisAll", { compared: change.compared })}
      </p>
      {figures.individuals !== null ? (
        <p className="text-sm">
          {t("figures.individuals")}: <span className="num">{f.n(figures.individuals)}</span>
        </p>
      ) : null}
      {d ? (
        <div role="alert" className="alert-error" data-testid="discrepancy">
          <p className="font-semibold">
            <span aria-hidden="true">⚠ </span>
            {t("discrepancy.title")}
          </p>
          <p>
            {t("discrepancy.body", {
              newly: f.n(figures.newlyDisplacedFamilies),
              repeat: f.n(figures.repeatDisplacedFamilies),
              total: f.n(figures.totalDisplacedFamilies),
              childNewly: f.n(d.newly),
              childRepeat: f.n(d.repeat),
              childTotal: f.n(d.total),
            })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
