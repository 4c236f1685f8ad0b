import { getTranslations, setRequestLocale } from "next-intl/server";
import { AreaName } from "@/components/area-name";
import { Dashboard } from "@/components/summary/dashboard";
import { PlainLink } from "@/components/summary/plain-link";
import { ApprovalQueue } from "@/components/reports/approval-queue";
import { MyWeekTable } from "@/components/reports/my-week-table";
import { WeekNav } from "@/components/reports/week-nav";
import { OfflineWarmup } from "@/components/offline/offline-warmup";
import { OutboxPanel } from "@/components/offline/outbox-panel";
import { activeSectors } from "@/lib/sectors";
import { countAreas, listAreaChildren, listAssignedAreas } from "@/lib/areas";
import { formatNumber, weekLabelParts } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { pageActor, pageData } from "@/lib/next/page-guard";
import { loadDashboard } from "@/lib/summary/dashboard";
import { listMyWeek, listReportsAwaitingApproval } from "@/lib/reports/read";
import { addWeeks, parseWeek, weekOf } from "@/lib/weeks";
import { approveAllAction, approveReportAction, returnReportAction } from "./reports/actions";
import { titled } from "@/lib/next/page-title";
import { isolate } from "@/lib/i18n/bidi";

export const generateMetadata = titled("summary.dashboard.title");

export default async function HomePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await pageActor(locale, "/");
  const t = await getTranslations("common");
  const tr = await getTranslations("reports");
  const ti = await getTranslations("figuresImport");
  const sp = await searchParams;
  // The selected week lives in the URL (?week=2020-W04 or 2020W4), so the page works without JavaScript.
  const asked = sp.week;
  const askedText = typeof asked === "string" ? asked.trim() : "";
  const parsedWeek = askedText ? parseWeek(askedText) : null;
  const week = parsedWeek ?? weekOf(new Date());
  const weekLabel = t("weekLabel", weekLabelParts(week, locale, actor.numerals));
  const summaryWeekParam = sp.summaryWeek;
  const keepForMyWeek: Record<string, string> = typeof summaryWeekParam === "string" && summaryWeekParam ? { summaryWeek: summaryWeekParam } : {};
  const myWeek = actor.role === "coordinator" ? pageData(locale, (db) => listMyWeek(db, actor, { week })) : null;
  const awaiting = actor.role === "admin" ? pageData(locale, (db) => listReportsAwaitingApproval(db, actor, { week })) : null;
  const weekInvalid =
    askedText && !parsedWeek ? (
      <p className="alert-error" role="alert" data-testid="week-invalid">
        {tr("week.invalid", { value: isolate(askedText) })}
      </p>
    ) : null;
  const weekNav =
    myWeek || awaiting ? (
      <WeekNav
        week={week}
        locale={locale}
        numerals={actor.numerals}
        hrefFor={(w) => {
          // Moving "My week" keeps the dashboard's own week (summaryWeek) where it was.
          const q = new URLSearchParams(keepForMyWeek);
          if (w !== "current") q.set("week", addWeeks(week, w === "previous" ? -1 : 1));
          return q.size ? `/?${q}` : "/";
        }}
        jumpAction={`/${locale}`}
        extraParams={keepForMyWeek}
      />
    ) : null;
  // DASHBOARD (summaries, for everyone): its week is `summaryWeek`, apart from "My week"'s `week`.
  const dashboard = pageData(locale, (db) => loadDashboard(db, actor, { ...sp, week: sp.summaryWeek }));
  const keepForDashboard: Record<string, string> = typeof sp.week === "string" && sp.week ? { week: sp.week } : {};
  const mine = actor.role === "coordinator" ? pageData(locale, (db) => listAssignedAreas(db, actor)) : [];
  const governorates = pageData(locale, (db) => listAreaChildren(db, actor, null));
  const total = pageData(locale, (db) => countAreas(db, actor));
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t("home.title", { name: isolate(actor.name) })}</h1>
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
      {myWeek ? (
        <section className="card grid gap-3" aria-labelledby="my-week-title">
          <h2 id="my-week-title" className="text-lg font-semibold">
            {tr("myWeek.title")}
          </h2>
          <p className="text-sm text-slate-600">{tr("myWeek.help")}</p>
          {weekInvalid}
          {weekNav}
          <MyWeekTable rows={myWeek.rows} week={week} deadline={myWeek.deadline} caption={tr("myWeek.caption", { week: weekLabel })} locale={locale} numerals={actor.numerals} timeZone={actor.timeZone} />
          <p className="text-sm" data-testid="my-week-import">
            <Link href="/reports/import">{ti("nav.import")}</Link> · <Link href="/reports/imports">{ti("nav.imports")}</Link>
          </p>
          {/* The entry pages of this week's areas are kept for offline use (issue 13). */}
          <OfflineWarmup hrefs={myWeek.rows.map((r) => `/${locale}/reports/${encodeURIComponent(r.pcode)}/${week}`)} />
        </section>
      ) : null}
      {/* Admins enter figures too: their outbox shows here once something is in it. */}
      {actor.role !== "viewer" ? (
        <OutboxPanel
          hideWhenEmpty={!myWeek}
          locale={locale}
          numerals={actor.numerals}
          timeZone={actor.timeZone}
          areaNames={Object.fromEntries([...mine, ...(myWeek?.rows ?? [])].map((a) => [a.pcode, locale === "ar" ? a.nameAr : a.nameEn]))}
          sectors={pageData(locale, (db) => activeSectors(db)).map((s) => ({ code: s.code, name: locale === "ar" ? s.nameAr : s.nameEn }))}
          signInHref={`/${locale}/signin`}
        />
      ) : null}
      {awaiting ? (
        <section className="card grid gap-3" aria-labelledby="approval-title">
          <h2 id="approval-title" className="text-lg font-semibold">
            {tr("approval.title")}
          </h2>
          <p className="text-sm text-slate-600">{tr("approval.help")}</p>
          {weekInvalid}
          {weekNav}
          <ApprovalQueue
            reports={awaiting.reports}
            sectors={awaiting.sectors}
            week={week}
            weekLabel={weekLabel}
            locale={locale}
            numerals={actor.numerals}
            timeZone={actor.timeZone}
            confirming={typeof sp.approveAll === "string" && /^[A-Za-z0-9]{1,40}$/.test(sp.approveAll) ? sp.approveAll : null}
            hrefFor={(approveAll) => {
              // "Approve all" asks first: a GET state of this page, which works without JavaScript.
              const q = new URLSearchParams({ ...keepForMyWeek, week });
              if (approveAll) q.set("approveAll", approveAll);
              return `/?${q}${approveAll ? "#confirm-approve-all" : ""}`;
            }}
            approve={approveReportAction}
            approveAll={approveAllAction}
            returnReport={returnReportAction}
          />
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
              <Link href="/reports/import">{ti("nav.import")}</Link>
            </li>
            <li>
              <Link href="/reports/imports">{ti("nav.imports")}</Link>
            </li>
            <li>
              <Link href="/admin/audit">{t("nav.audit")}</Link>
            </li>
          </ul>
        </section>
      ) : null}
      {/* DASHBOARD: summaries for everyone (see components/summary/dashboard.tsx). */}
      <Dashboard data={dashboard} locale={locale} numerals={actor.numerals} keep={keepForDashboard} />
      <section className="card" aria-labelledby="overview">
        <h2 id="overview" className="mb-1 text-lg font-semibold">
          {t("home.overview")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("home.overviewHelp", { areas: formatNumber(total, locale, actor.numerals), count: total })}</p>
        <ul className="grid gap-1 sm:grid-cols-2">
          {governorates.map((g) => (
            <li key={g.pcode}>
              {/* A plain link (server-rendered): fourteen client <Link>s cost the dashboard more than its queries. */}
              <PlainLink locale={locale} href={`/areas/${g.pcode}`}>
                <AreaName area={g} locale={locale} />
              </PlainLink>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
