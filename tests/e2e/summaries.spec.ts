import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../db/client";
import { insertUser } from "../../lib/users";
import { seedSummaryFixture } from "../summary-fixture";
import { E2E_DB, ownPassword, signIn, uniqueEmail } from "./helpers";

/*
 * Summaries, gap report, map and exports, read by an NGO viewer. The reports come from
 * tests/summary-fixture.ts, written straight into the server's database (WAL: the running
 * server sees them on its next read). Its weeks (2020-W01…W04) are this spec's own: the other
 * specs write into weeks nobody used (unusedWeek in ./helpers.ts), so the totals read back here
 * hold whichever specs ran before. Run again against the same server, the fixture is already there.
 */
// A new viewer each time the hooks run (a repeated run against the same server makes another).
let VIEWER = { email: "", password: "" };

test.beforeAll(async () => {
  VIEWER = { email: uniqueEmail("viewer"), password: ownPassword() };
  const db = openDb(E2E_DB);
  try {
    seedSummaryFixture(db, undefined, { once: true });
    await insertUser(db, { label: "e2e:summaries" }, { email: VIEWER.email, name: "NGO Viewer", role: "viewer", areas: [], password: VIEWER.password });
  } finally {
    db.$client.close();
  }
});

const asViewer = (page: Page, locale = "en") => signIn(page, VIEWER.email, VIEWER.password, locale);

test("a viewer reads the field report on Jebel Saman's page, then sees it rolled up on Aleppo's", async ({ page }) => {
  await asViewer(page);
  await page.goto("/en/areas/SY0200?week=2020-W04");
  await expect(page.getByTestId("area-week")).toContainText("2020-W04 (20–26 Jan 2020)");
  await expect(page.getByTestId("fig-newly")).toHaveText("6,077");
  await expect(page.getByTestId("fig-repeat")).toHaveText("6,077");
  await expect(page.getByTestId("fig-total")).toHaveText("11,000");
  await expect(page.getByTestId("basis")).toHaveText("reported directly");
  await expect(page.getByTestId("gap-food_security")).toHaveText("91%");
  await expect(page.getByTestId("gap-nfi")).toHaveText("83%");
  await expect(page.getByTestId("gap-shelter")).toHaveText("93%");
  await expect(page.locator('[data-testid="sector-table"] tr[data-sector="shelter"]')).toContainText("Critical");
  // The week is among this area's direct reports, linking to the report page.
  await expect(page.locator('[data-testid="area-report-weeks"] tr[data-week="2020-W04"] a')).toHaveAttribute("href", "/en/reports/SY0200/2020-W04");
  // Charts carry a title, a description and a table of their numbers.
  await expect(page.getByTestId("area-trend-displacement-chart").locator("title")).toContainText("Displaced families");
  await expect(page.getByTestId("area-trend-trend-table")).toContainText("6,077");

  await page.goto("/en/areas/SY02?week=2020-W04");
  await expect(page.getByTestId("basis")).toHaveText("sum of 3 sub-areas");
  await expect(page.getByTestId("fig-newly")).toHaveText("7,327");
  await expect(page.getByTestId("fig-total")).toHaveText("18,500");
  await expect(page.getByTestId("gap-food_security")).toHaveText("83.3%");
  const jebel = page.locator('[data-testid="children-figures"] tr[data-pcode="SY0200"]');
  await expect(jebel).toContainText("reported directly");
  await expect(jebel).toContainText("6,077");
  // Al Bab has only a draft: no figure.
  await expect(page.locator('[data-testid="children-figures"] tr[data-pcode="SY0202"]')).toContainText("no figure");
  // Sorting is a link: by newly displaced, largest first; each row opens its area.
  await page.locator('[data-testid="children-figures"] a[data-sort="newly"]').click();
  await expect(page).toHaveURL(/sort=newly/);
  await expect(page.locator('[data-testid="children-figures"] tbody tr').first()).toHaveAttribute("data-pcode", "SY0200");
  await jebel.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/en\/areas\/SY0200/);

  // Idleb reported directly, and its district's report disagrees: the page says so.
  await page.goto("/en/areas/SY07?week=2020-W04");
  await expect(page.getByTestId("discrepancy")).toContainText("2,400");
});

test("the dashboard shows the week's totals, trend, top areas and a map linking to area pages", async ({ page }) => {
  await asViewer(page);
  await page.goto("/en?summaryWeek=2020-W04");
  const dash = page.getByTestId("dashboard");
  await expect(dash.getByTestId("basis")).toHaveText(/sum of 2 governorates/);
  await expect(dash.getByTestId("fig-newly")).toHaveText("9,827");
  await expect(page.getByTestId("top-shelter").locator("li").first()).toHaveAttribute("data-pcode", "SY0200");
  const aleppo = page.locator('[data-testid="dash-map-figure-svg"] a[data-pcode="SY02"]');
  await expect(aleppo).toHaveAttribute("href", "/en/areas/SY02");
  await expect(page.getByTestId("dash-map-figure-legend")).toContainText("No figure");
  // The shapes come from one cached SVG document, placed with <use>.
  const shapeHref = (await aleppo.locator("use").getAttribute("href"))!;
  expect(shapeHref).toMatch(/^\/maps\/adm1\.svg\?v=\w+#SY02$/);
  const shapes = await page.request.get(shapeHref.split("#")[0]!);
  expect(shapes.headers()["content-type"]).toContain("image/svg+xml");
  expect(await shapes.text()).toContain('id="SY02"');
  await page.goto("/en/map?week=2020-W04&level=2&measure=newly");
  await expect(page.locator('[data-testid="map-figure-svg"] a[data-pcode="SY0200"] use')).toHaveCount(1);
  await page.locator('[data-testid="map-figure-svg"] a[data-pcode="SY0200"]').click();
  await expect(page).toHaveURL(/\/en\/areas\/SY0200$/);
});

test("the gap report filters and sorts through the URL, with severity in words", async ({ page }) => {
  await asViewer(page);
  await page.goto("/en/reports/gaps?week=2020-W04");
  const form = page.getByTestId("gap-filters");
  await form.locator("#g-level").selectOption("2");
  await form.locator("#g-sector").selectOption("shelter");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sector=shelter/);
  const rows = page.locator('[data-testid="gap-table"] tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute("data-pcode", "SY0200");
  await expect(rows.first()).toContainText("Critical");
  await expect(rows.first().getByTestId("unmet")).toHaveText("5,652");

  await page.locator('[data-testid="gap-table"] a[data-sort="gap"]').click();
  await expect(page).toHaveURL(/sort=gap/);
  await expect(rows.first()).toHaveAttribute("data-pcode", "SY0200");
  await expect(rows.last()).toHaveAttribute("data-pcode", "SY0703");

  await form.locator("#g-show").selectOption("critical");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(1);
  // The filters are the address: opening it afresh shows the same report.
  const shared = page.url();
  await page.goto(shared);
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId("gap-description")).toContainText("Districts in all of Syria ranked by weighted gap for Shelter");

  await page.goto("/en/reports/gaps?week=2020-W04&level=2&parent=SY07&sector=food_security");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-pcode", "SY0703");
  // Printing shows the filters as text.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("printed-filters")).toBeVisible();
  await expect(page.getByTestId("gap-filters")).toBeHidden();
});

test("the CSV export downloads with HXL hashtags on its second row, the XLSX export too", async ({ page }) => {
  await asViewer(page);
  await page.goto("/en/reports/gaps?week=2020-W04&level=2&sector=shelter");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("gap-export-csv").click()]);
  expect(download.suggestedFilename()).toBe("rasd-gaps-2020-W04-level2-shelter.csv");
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split("\r\n");
  expect(lines[1]!.split(",").every((c) => c.startsWith("#"))).toBe(true);
  expect(lines[1]).toContain("#adm2+name+i_ar");
  expect(lines[2]).toContain("SY0200,Jebel Saman,جبل سمعان");

  await page.goto("/en/areas/SY02?week=2020-W04");
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("children-export-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toBe("rasd-SY02-2020-W04.xlsx");
  // An XLSX file is a zip archive.
  expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe("PK");
});

test("the summary API answers the session cookie and refuses anonymous callers", async ({ page, playwright }) => {
  await asViewer(page);
  const res = await page.request.get("/api/v1/summary/SY0200?week=2020-W04");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ basis: "direct", newlyDisplacedFamilies: 6077, sectors: { food_security: { gapPct: 91 } } });
  expect((await page.request.get("/api/v1/summary/SY9999?week=2020-W04")).status()).toBe(404);
  expect((await page.request.get("/api/v1/gaps?week=2020-W99")).status()).toBe(422);
  const anonymous = await playwright.request.newContext({ baseURL: page.url().replace(/\/en.*$/, "") });
  expect((await anonymous.get("/api/v1/summary/SY0200?week=2020-W04")).status()).toBe(401);
  await anonymous.dispose();
});

test("in Arabic the figures read the same and the charts run right to left", async ({ page }) => {
  await asViewer(page, "ar");
  await page.goto("/ar/areas/SY0200?week=2020-W04");
  await expect(page.getByTestId("fig-newly")).toHaveText("6,077");
  await expect(page.getByTestId("basis")).toHaveText("مُبلَّغ عنه مباشرة");
  await expect(page.locator('[data-testid="sector-table"] tr[data-sector="food_security"] th')).toHaveText("الأمن الغذائي");
  const chart = page.getByTestId("area-trend-displacement-chart");
  await expect(chart).toHaveAttribute("direction", "rtl");
  // Time runs right to left: the latest week's tick is left of the earliest.
  const xs = await chart.locator("text[text-anchor='middle']").evaluateAll((els) => els.map((e) => Number(e.getAttribute("x"))));
  expect(xs.length).toBeGreaterThan(1);
  expect(xs[0]!).toBeGreaterThan(xs.at(-1)!);
});

test("summary pages are complete with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await asViewer(page);
  await page.goto("/en?summaryWeek=2020-W04");
  await expect(page.getByTestId("dashboard").getByTestId("fig-newly")).toHaveText("9,827");
  await expect(page.getByTestId("dash-map-figure-svg")).toBeVisible();
  await page.goto("/en/areas/SY02?week=2020-W04");
  await expect(page.getByTestId("basis")).toHaveText("sum of 3 sub-areas");
  // The week form is a plain GET form.
  await page.getByTestId("area-form").locator("select[name=range]").selectOption("26");
  await page.getByTestId("area-form").getByRole("button").click();
  await expect(page).toHaveURL(/range=26/);
  await expect(page.getByTestId("area-trend-trend-table").locator("tbody tr")).toHaveCount(26);
  await page.goto("/en/reports/gaps?week=2020-W04");
  await page.getByTestId("gap-filters").locator("#g-sector").selectOption("nfi");
  await page.getByTestId("gap-filters").getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sector=nfi/);
  await expect(page.locator('[data-testid="gap-table"] tbody tr').first()).toHaveAttribute("data-pcode", "SY0200");
  await page.goto("/en/map?week=2020-W04&level=2");
  await expect(page.locator('[data-testid="map-figure-svg"] a')).toHaveCount(61);
  await context.close();
});
