import type { SectorInfo } from "@/lib/sectors";
import type { MapMeasure } from "@/lib/validation/summary";
import type { Formatters } from "@/lib/i18n/server-formatters";
import { PlainLink } from "./plain-link";

type Options = {
  /** Levels offered, e.g. [1, 2] for the map, [1, 2, 3, 4] for rankings. */
  level?: { value: number; options: number[]; label: string };
  range?: number;
  measure?: MapMeasure;
  sector?: { value: string; options: SectorInfo[] };
};

/**
 * The view's GET form: the week (the weeks that have figures, most recent first) and whichever of
 * level, weeks shown, map measure and sector the page offers. Parameters it does not show ride
 * along as hidden fields, so every choice keeps the others and works without JavaScript.
 */
export function ViewForm({
  weeks,
  week,
  hidden = {},
  f,
  locale,
  id,
  weekParam = "week",
  pathname,
  options = {},
}: {
  weeks: string[];
  week: string;
  hidden?: Record<string, string>;
  f: Formatters;
  locale: string;
  id: string;
  /** The query parameter holding the week (the dashboard uses its own, beside "My week"). */
  weekParam?: string;
  /** The page the form is on, for the previous / next / latest links. */
  pathname: string;
  options?: Options;
}) {
  const t = f.t;
  const tc = f.tc;
  // The nearest weeks with figures on either side of the one shown (`weeks` is most recent first).
  const older = weeks.find((w) => w < week);
  const newer = [...weeks].reverse().find((w) => w > week);
  const current: Record<string, string> = {};
  if (options.range) current.range = String(options.range);
  if (options.level) current.level = String(options.level.value);
  if (options.measure) current.measure = options.measure;
  if (options.sector) current.sector = options.sector.value;
  const hrefFor = (w: string) => ({ pathname, query: { ...hidden, ...current, [weekParam]: w } });
  const field = (name: string) => `${id}-${name}`;
  return (
    // Keyed by its values, so that a client-side navigation shows the new ones in the fields.
    <form key={JSON.stringify({ week, hidden, options })} method="get" className="no-print flex flex-wrap items-end gap-3" data-testid={`${id}-form`}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div>
        <label className="label" htmlFor={field("week")}>
          {t("week.label")}
        </label>
        {/* A native week field (a text field where browsers have none): any week, typed as 2020-W04 or picked. */}
        <input id={field("week")} type="week" name={weekParam} defaultValue={week} className="input" dir="ltr" placeholder="2020-W04" aria-describedby={field("week-hint")} />
        <p id={field("week-hint")} className="mt-1 text-xs text-slate-600">
          {t("week.hint")}
        </p>
      </div>
      {options.range ? (
        <div>
          <label className="label" htmlFor={field("range")}>
            {t("trend.range")}
          </label>
          <select id={field("range")} name="range" defaultValue={String(options.range)} className="input">
            {[12, 26, 52].map((r) => (
              <option key={r} value={r}>
                {t("trend.rangeOption", { weeks: f.n(r), count: r })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {options.level ? (
        <div>
          <label className="label" htmlFor={field("level")}>
            {options.level.label}
          </label>
          <select id={field("level")} name="level" defaultValue={String(options.level.value)} className="input">
            {options.level.options.map((l) => (
              <option key={l} value={l}>
                {tc(`levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {options.measure ? (
        <div>
          <label className="label" htmlFor={field("measure")}>
            {t("map.measure")}
          </label>
          <select id={field("measure")} name="measure" defaultValue={options.measure} className="input">
            <option value="gap">{t("map.measureGap")}</option>
            <option value="newly">{t("map.measureNewly")}</option>
          </select>
        </div>
      ) : null}
      {options.sector ? (
        <div>
          <label className="label" htmlFor={field("sector")}>
            {t("map.sector")}
          </label>
          <select id={field("sector")} name="sector" defaultValue={options.sector.value} className="input">
            {options.sector.options.map((s) => (
              <option key={s.code} value={s.code}>
                {locale === "ar" ? s.nameAr : s.nameEn}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="btn-secondary">
        {t("week.show")}
      </button>
      <nav aria-label={t("week.label")} className="flex w-full flex-wrap gap-x-4 gap-y-1 text-sm">
        {older ? (
          <PlainLink locale={locale} href={hrefFor(older)} rel="prev">
            {t("week.previous")}
          </PlainLink>
        ) : null}
        {newer ? (
          <PlainLink locale={locale} href={hrefFor(newer)} rel="next">
            {t("week.next")}
          </PlainLink>
        ) : null}
        {weeks[0] && weeks[0] !== week ? <PlainLink locale={locale} href={hrefFor(weeks[0])}>{t("week.latestLink")}</PlainLink> : null}
      </nav>
    </form>
  );
}
