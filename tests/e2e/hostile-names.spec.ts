import path from "node:path";
import { eq } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../db/client";
import { areas, users } from "../../db/schema";
import { renameArea } from "../../lib/areas";
import { loadActor } from "../../lib/auth/actor";
import { insertUser } from "../../lib/users";
import { seedSummaryFixture } from "../summary-fixture";
import { ADMIN, ownPassword, signIn, uniqueEmail } from "./helpers";

/*
 * Names are typed by people (admins name areas, and users themselves), and the summary pages write
 * most of their markup as strings (lib/safe-html.ts). This spec names the areas of Quneitra (SY14),
 * which no other spec reads, like an attacker would, gives them reports in a week no other spec
 * uses (2019-W10), signs in a viewer whose own name is hostile too, and reads every summary page:
 * the names must show literally, the HTML must hold them only escaped, and no dialog may open.
 * Renaming to the same names again is harmless, so the spec runs alone, again, or in any order.
 */

const DB = path.join(__dirname, "..", ".tmp", "e2e", "rasd.db");
const IMG = "<img src=x onerror=alert(1)>";
const QUOTES = `"quoted" & 'single'`;
const SCRIPT = "</script><script>alert(1)</script>";
const WEEK = "2019-W10";

/** Each area gets a hostile English and a hostile Arabic name (the other language is the tooltip). */
const NAMES: Record<string, { nameEn: string; nameAr: string }> = {
  SY14: { nameEn: `${IMG} gov`, nameAr: `${QUOTES} محافظة` },
  SY1400: { nameEn: `${SCRIPT} district`, nameAr: `${IMG} منطقة` },
  SY140000: { nameEn: `${QUOTES} ${IMG} sub`, nameAr: `${SCRIPT} ناحية` },
};
const VIEWER = { email: uniqueEmail("hostile"), password: ownPassword(), name: `${IMG} ${QUOTES} ${SCRIPT}` };

/** Direct reports for the district and one sub-district, two weeks, so every part of a page has rows. */
const report = (pcode: string, week: string, newly: number) => ({
  pcode,
  week,
  status: "approved" as const,
  newly,
  repeat: Math.round(newly / 2),
  total: newly * 3,
  individuals: null,
  gaps: { food_security: [92, null], nfi: [64, null], shelter: [30, null] } as Record<string, [number, number | null]>,
});

test.beforeAll(async () => {
  const db = openDb(DB);
  try {
    const adminId = db.select({ id: users.id }).from(users).where(eq(users.email, ADMIN.email)).get()!.id;
    const admin = loadActor(db, adminId);
    for (const [pcode, names] of Object.entries(NAMES)) {
      const { version } = db.select({ version: areas.version }).from(areas).where(eq(areas.pcode, pcode)).get()!;
      renameArea(db, admin, { pcode, ...names, version });
    }
    seedSummaryFixture(db, [report("SY1400", "2019-W09", 300), report("SY1400", WEEK, 500), report("SY140000", "2019-W09", 300), report("SY140000", WEEK, 500)], { once: true });
    await insertUser(db, { label: "e2e:hostile-names" }, { email: VIEWER.email, name: VIEWER.name, role: "viewer", areas: [], password: VIEWER.password });
  } finally {
    db.$client.close();
  }
});

/**
 * Opens a page and checks what the server sent: no hostile name as live markup anywhere in the
 * HTML (the RSC payload included), and at least one escaped copy (so the names are on the page).
 */
async function openInert(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  const body = await response!.text();
  // Booleans, so that a failure names the string instead of printing the whole page.
  for (const live of ["<img src=x", "<script>alert", "</script><script>", "onerror=alert(1)>"]) expect(body.includes(live), `${url} has ${live}`).toBe(false);
  expect(/&lt;img src=x onerror=alert\(1\)&gt;|&lt;\/script&gt;&lt;script&gt;alert\(1\)/.test(body), `${url} shows a name escaped`).toBe(true);
  // And in the document the browser built: no image, no script of the attacker's.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => [...document.scripts].filter((s) => /^\s*alert\(1\)\s*$/.test(s.textContent ?? "")).length)).toBe(0);
  // The viewer's own name, in the header of every page, as text.
  await expect(page.getByTestId("signed-in-as")).toContainText(VIEWER.name);
}

test("hostile area and user names are shown as text on every summary page, and nothing runs", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, VIEWER.email, VIEWER.password);

  // Dashboard: figures, sector bars, trend, top districts (SY1400), the map of governorates and its table (SY14).
  await openInert(page, `/en?summaryWeek=${WEEK}&level=2`);
  await expect(page.getByTestId("top-shelter").locator('li[data-pcode="SY1400"]')).toContainText(NAMES.SY1400!.nameEn);
  await expect(page.getByTestId("top-shelter").locator('li[data-pcode="SY1400"] [title]')).toHaveAttribute("title", NAMES.SY1400!.nameAr);
  await expect(page.locator('[data-testid="dash-map-figure-svg"] a[data-pcode="SY14"] title')).toHaveText(new RegExp(`^${escapeRegExp(NAMES.SY14!.nameEn)}: `));
  await expect(page.getByTestId("dash-map-figure-table")).toContainText(NAMES.SY14!.nameEn);

  // The district's page: breadcrumb, sector gaps, trends, the sub-districts' table, the weeks it reported.
  await openInert(page, `/en/areas/SY1400?week=${WEEK}`);
  await expect(page.getByTestId("breadcrumb")).toContainText(NAMES.SY14!.nameEn);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAMES.SY1400!.nameEn);
  const sub = page.locator('[data-testid="children-figures"] tr[data-pcode="SY140000"]');
  await expect(sub).toContainText(NAMES.SY140000!.nameEn);
  await expect(sub.locator("[title]").first()).toHaveAttribute("title", NAMES.SY140000!.nameAr);
  await expect(page.locator('[data-testid="area-report-weeks"] tr[data-week]')).toHaveCount(2);
  await expect(page.getByTestId("area-trend-charts")).toBeVisible();
  await expect(page.getByTestId("sector-gaps")).toBeVisible();

  // The same page in Arabic: the Arabic names are the main ones now, the English the tooltips.
  await openInert(page, `/ar/areas/SY1400?week=${WEEK}`);
  await expect(page.locator('[data-testid="children-figures"] tr[data-pcode="SY140000"]')).toContainText(NAMES.SY140000!.nameAr);

  // One week's report page (linked from that list): the area's name in the heading, the revisions.
  await openInert(page, `/en/reports/SY1400/${WEEK}`);
  await expect(page.getByTestId("report-title")).toContainText(NAMES.SY1400!.nameEn);

  // The gap report of sub-districts within Quneitra: the ranking and the parent list of the filters.
  await openInert(page, `/en/reports/gaps?week=${WEEK}&level=3&parent=SY14`);
  await expect(page.locator('[data-testid="gap-table"] tr[data-pcode="SY140000"]')).toContainText(NAMES.SY140000!.nameEn);
  await expect(page.locator('#g-parent option[value="SY14"]')).toHaveText(new RegExp(escapeRegExp(NAMES.SY14!.nameEn)));
  await expect(page.getByTestId("gap-description")).toContainText(NAMES.SY14!.nameEn);

  // The map of districts: each shape's title and the values table.
  await openInert(page, `/en/map?week=${WEEK}&level=2&measure=newly`);
  await expect(page.locator('[data-testid="map-figure-svg"] a[data-pcode="SY1400"] title')).toHaveText(new RegExp(`^${escapeRegExp(NAMES.SY1400!.nameEn)}: 500$`));
  await expect(page.getByTestId("map-figure-table")).toContainText(NAMES.SY1400!.nameEn);

  expect(dialogs).toEqual([]);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
