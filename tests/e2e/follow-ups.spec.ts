import { expect, test, type Page } from "@playwright/test";
import { randomInt } from "node:crypto";
import { openDb } from "../../db/client";
import { createArea } from "../../lib/areas";
import { loadActor } from "../../lib/auth/actor";
import { saveWeeklyReport } from "../../lib/reports/save";
import { insertUser } from "../../lib/users";
import { E2E_DB, ownPassword, signIn, uniqueEmail, unusedWeeks } from "./helpers";

/*
 * Issue 15, follow-up and data quality: a comment and a follow-up flag round trip on the report
 * page (flag, seen on the area page and in the list, cleared with a note), a min-max rule set on
 * its page that the entry form warns about and asks to confirm, and the data-quality page.
 * English and Arabic, at 360 px (the report page is used on phones).
 *
 * Each test has its own community (created here under Harim) so that its rules and flags never
 * reach another spec's figures, and writes into weeks nobody else uses.
 */
const ADMIN = { email: "", password: "" };
const VIEWER = { email: "", password: "" };
type Place = { pcode: string; week: string };
const places: Record<string, { flag: Place; range: Place }> = {};

test.beforeAll(async () => {
  ADMIN.email = uniqueEmail("follow-up-admin");
  ADMIN.password = ownPassword();
  const db = openDb(E2E_DB);
  try {
    const { id } = await insertUser(db, { label: "e2e:follow-ups" }, { email: ADMIN.email, name: "Follow-up Admin", role: "admin", areas: [], password: ADMIN.password });
    const admin = loadActor(db, id)!;
    VIEWER.email = uniqueEmail("follow-up-viewer");
    VIEWER.password = ownPassword();
    await insertUser(db, { label: "e2e:follow-ups" }, { email: VIEWER.email, name: "Follow-up Viewer", role: "viewer", areas: [], password: VIEWER.password });
    for (const locale of ["en", "ar"]) {
      const [flagWeek, rangeWeek] = unusedWeeks(2) as [string, string];
      const make = (what: string) => {
        const pcode = `C9${randomInt(100000, 999999)}`;
        createArea(db, admin, { pcode, parentPcode: "SY070300", nameEn: `Follow-up ${what} ${locale}`, nameAr: `متابعة ${what === "flag" ? "علامة" : "حدود"} ${locale}` });
        return pcode;
      };
      places[locale] = { flag: { pcode: make("flag"), week: flagWeek }, range: { pcode: make("range"), week: rangeWeek } };
      saveWeeklyReport(db, admin, {
        pcode: places[locale].flag.pcode,
        week: flagWeek,
        input: { newlyDisplacedFamilies: 320, repeatDisplacedFamilies: 20, totalDisplacedFamilies: 4100, status: "submitted", version: 0, sectors: { nfi: { gapPct: 70 } } },
      });
    }
  } finally {
    db.$client.close();
  }
});

async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

for (const locale of ["en", "ar"] as const) {
  test.describe(`${locale} at 360 px`, () => {
    test.use({ viewport: { width: 360, height: 780 } });

    test("a comment and a follow-up flag round trip: flag, see it on the area page and the list, approve asks first, clear with a note", async ({ page }) => {
      const { pcode, week } = places[locale]!.flag;
      const reason = `Total jumped ${randomInt(1000, 9999)}: check the camp count`;
      const comment = `Where does the total come from? ${randomInt(1000, 9999)}`;
      const note = `Confirmed by phone ${randomInt(1000, 9999)}`;
      await signIn(page, ADMIN.email, ADMIN.password, locale);
      await page.goto(`/${locale}/reports/${pcode}/${week}`);
      await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");

      // Comment: the thread shows who and the text.
      await page.getByTestId("comment-body").fill(comment);
      await page.getByTestId("comment-submit").click();
      const posted = page.getByTestId("comment-thread").getByTestId("comment").filter({ hasText: comment });
      await expect(posted).toHaveCount(1);
      await expect(posted).toContainText("Follow-up Admin");

      // Flag the total.
      await expect(page.getByTestId("no-open-flags")).toBeVisible();
      await page.getByTestId("flag-new").locator("summary").click();
      await page.waitForLoadState("networkidle");
      await page.getByTestId("flag-field").selectOption("totalDisplacedFamilies");
      await page.getByTestId("flag-reason").fill(reason);
      await page.getByTestId("flag-submit").click();
      const open = page.getByTestId("open-flags").getByTestId("open-flag");
      await expect(open).toHaveCount(1);
      await expect(open).toHaveAttribute("data-field", "totalDisplacedFamilies");
      await expect(open).toContainText(reason);
      await fitsPhone(page);

      // Approving asks first: the required box is there, and without it nothing is approved.
      const box = page.getByTestId(`confirm-follow-ups-${pcode}`);
      await expect(box).toBeVisible();
      await page.getByTestId(`approve-${pcode}`).click();
      await expect(page.getByTestId("report-locked")).toHaveCount(0);

      // The gap report marks the area, for the sector's figures and the counts.
      await page.goto(`/${locale}/reports/gaps?week=${week}&level=4&parent=SY070300&sector=nfi`);
      await expect(page.locator(`tr[data-pcode="${pcode}"]`).getByTestId("gap-follow-up")).toHaveCount(1);

      // The area page and the follow-up list show it.
      await page.goto(`/${locale}/areas/${pcode}`);
      const onArea = page.getByTestId("area-follow-ups");
      await expect(onArea).toBeVisible();
      await expect(onArea.getByTestId("area-follow-up")).toContainText(reason);
      await fitsPhone(page);
      await onArea.getByTestId("area-follow-ups-all").click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/reports/follow-ups\\?`));
      const row = page.getByTestId("follow-up-row").filter({ hasText: reason });
      await expect(row).toHaveCount(1);
      await expect(row).toHaveAttribute("data-pcode", pcode);
      await fitsPhone(page);

      // Clear it with a note, from the report page the list links to.
      await row.getByRole("link").first().click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/reports/${pcode}/${week}`));
      const clear = page.getByTestId("open-flag").locator("details");
      await clear.locator("summary").click();
      await clear.getByTestId("clear-note").fill(note);
      await clear.getByTestId("clear-submit").click();
      await expect(page.getByTestId("no-open-flags")).toBeVisible();
      await expect(page.getByTestId(`confirm-follow-ups-${pcode}`)).toHaveCount(0);
      await page.getByTestId("cleared-flags").locator("summary").click();
      await expect(page.getByTestId("cleared-flag")).toContainText(note);

      // Gone from the open list, there among the cleared ones; the area page no longer marks it.
      await page.goto(`/${locale}/reports/follow-ups?area=${pcode}`);
      await expect(page.getByTestId("follow-ups-empty")).toBeVisible();
      await page.goto(`/${locale}/reports/follow-ups?area=${pcode}&state=cleared`);
      await expect(page.getByTestId("follow-up-row").filter({ hasText: note })).toHaveCount(1);
      await page.goto(`/${locale}/areas/${pcode}`);
      await expect(page.getByTestId("area-follow-ups")).toHaveCount(0);
      await page.goto(`/${locale}/reports/gaps?week=${week}&level=4&parent=SY070300&sector=nfi`);
      await expect(page.locator(`tr[data-pcode="${pcode}"]`)).toHaveCount(1);
      await expect(page.locator(`tr[data-pcode="${pcode}"]`).getByTestId("gap-follow-up")).toHaveCount(0);
    });

    test("a viewer reads the thread and comments with JavaScript off; a viewer cannot flag", async ({ page, browser }) => {
      const { pcode, week } = places[locale]!.flag;
      const comment = `Viewer question ${randomInt(1000, 9999)}`;
      await signIn(page, VIEWER.email, VIEWER.password, locale);
      const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
      await noJs.addCookies(await page.context().cookies());
      const plain = await noJs.newPage();
      await plain.goto(`/${locale}/reports/${pcode}/${week}`);
      await expect(plain.getByTestId("report-flags")).toBeVisible();
      await expect(plain.getByTestId("flag-new")).toHaveCount(0);
      const before = await plain.getByTestId("comment").count();
      await plain.getByTestId("comment-body").fill(comment);
      await plain.getByTestId("comment-submit").click();
      await expect(plain.getByTestId("comment")).toHaveCount(before + 1);
      await expect(plain.getByTestId("comment").last()).toContainText(comment);
      await expect(plain.getByTestId("comment").last()).toContainText("Follow-up Viewer");
      await fitsPhone(plain);
      await noJs.close();
    });

    test("a min-max rule set on its page warns in the entry form, must be confirmed, and lists on the data-quality page", async ({ page }) => {
      const { pcode, week } = places[locale]!.range;
      await signIn(page, ADMIN.email, ADMIN.password, locale);
      await page.goto(`/${locale}/admin/ranges?area=${pcode}`);
      await page.waitForLoadState("networkidle");
      // No history yet: no suggestion to apply.
      await expect(page.getByTestId("apply-newlyDisplacedFamilies")).toHaveCount(0);
      await page.getByTestId("min-newlyDisplacedFamilies").fill("10");
      await page.getByTestId("max-newlyDisplacedFamilies").fill("100");
      await page.getByTestId("range-save").click();
      await expect(page.getByRole("status").first()).toBeVisible();
      await page.reload();
      await expect(page.getByTestId("max-newlyDisplacedFamilies")).toHaveValue("100");

      await page.goto(`/${locale}/reports/${pcode}/${week}`);
      await page.waitForLoadState("networkidle");
      await page.locator("#newlyDisplacedFamilies").fill("500");
      await page.locator("#repeatDisplacedFamilies").fill("0");
      await page.locator("#totalDisplacedFamilies").fill("900");
      const warning = page.getByTestId("report-warnings").locator('[data-testid="report-warning"][data-field="newlyDisplacedFamilies"]');
      await expect(warning).toHaveCount(1);
      await expect(warning).toContainText(locale === "ar" ? "أعلى من" : "is above");
      await expect(warning).toContainText(pcode);
      await fitsPhone(page);
      // Not saved until confirmed.
      await page.getByTestId("submit-report").click();
      await expect(page.locator("#acknowledgeWarnings-error")).toBeVisible();
      await expect(page.getByTestId("report-form").locator('input[name="version"]')).toHaveValue("0");
      await page.getByTestId("acknowledge-warnings").check();
      await page.getByTestId("submit-report").click();
      await expect(page.getByTestId("report-form").locator('input[name="version"]')).toHaveValue("1");

      // The data-quality page: area, figure, value, bounds, where the bounds come from.
      await page.goto(`/${locale}/reports/data-quality?week=${week}&area=${pcode}`);
      const outlier = page.locator(`[data-testid="outlier"][data-pcode="${pcode}"][data-field="newlyDisplacedFamilies"]`);
      await expect(outlier).toHaveCount(1);
      await expect(outlier).toContainText("500");
      await expect(outlier.getByTestId("outlier-bounds")).toContainText("10");
      await expect(outlier.getByTestId("outlier-bounds")).toContainText("100");
      await expect(outlier).toContainText(pcode);
      await fitsPhone(page);
    });
  });
}
