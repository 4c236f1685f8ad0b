import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * A plausibility warning sits under the field it is about (issue 11, item 10): the field is marked
 * without aria-invalid, the warning is listed above the save button with the confirmation, and
 * every message says what it compared. With JavaScript off the server's answer says the same, and
 * a week with no report the week before never speaks of "last week". Phone width, both languages.
 */

const PHONE = { width: 360, height: 780 };
const TEXT = {
  en: {
    rise: ["60,770 is more than 3 times 6,077, the figure for "],
    belowNew: "300 is less than the 500 newly displaced families entered for this same week.",
    notSaved: "Not saved yet",
    confirm: "Confirm that you have checked these figures.",
    lastWeek: /last week|previous week|week before/i,
  },
  ar: {
    rise: ["60,770 أكثر من 3 أضعاف 6,077، وهو الرقم المسجَّل في الأسبوع "],
    belowNew: "300 أقل من عدد العائلات النازحة حديثاً المُدخل لهذا الأسبوع نفسه (500).",
    notSaved: "لم يُحفظ بعد",
    confirm: "أكّد أنك راجعت هذه الأرقام.",
    lastWeek: /الأسبوع الماضي|الأسبوع السابق/,
  },
};

/** Text as read, without the Unicode isolates around numbers and weeks (lib/i18n/bidi.ts). */
const plain = async (l: Locator) => ((await l.textContent()) ?? "").replace(/[\u2066-\u2069]/g, "").replace(/\s+/g, " ");

/** A coordinator for Aleppo (SY02), signed in with JavaScript on; returns the session's cookies. */
async function coordinatorCookies(browser: Browser, label: string) {
  const setup = await browser.newContext({ javaScriptEnabled: true });
  const admin = await setup.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  const email = uniqueEmail(`warn-${label}`);
  const generated = await createUserAsAdmin(admin, { email, name: `Warn ${label}`, role: "coordinator", areas: ["SY02"] });
  await admin.context().clearCookies();
  await signInFirstTime(admin, email, generated);
  const cookies = await setup.cookies();
  await setup.close();
  return cookies;
}

async function fill(page: Page, newly: string, repeat: string, total: string) {
  await page.locator("#newlyDisplacedFamilies").fill(newly);
  await page.locator("#repeatDisplacedFamilies").fill(repeat);
  await page.locator("#totalDisplacedFamilies").fill(total);
}

/** Saves and waits for the stored version (the "saved" notice may be left from an earlier save). */
async function submitAndWaitFor(page: Page, version: string) {
  await page.getByTestId("submit-report").click();
  await expect(page.locator('input[name="version"]')).toHaveValue(version);
}

/** The warning sits right under its field, inside the phone's width, and the field is marked but not invalid. */
async function expectWarningUnder(page: Page, field: string, texts: string[]) {
  const input = page.locator(`[id="${field}"]`);
  const warning = page.locator(`[id="${field}-warning"]`);
  await expect(warning).toBeVisible();
  for (const t of texts) await expect.poll(() => plain(warning)).toContain(t);
  await expect(input).toHaveAttribute("data-warning", "true");
  await expect(input).toHaveAttribute("aria-describedby", new RegExp(`(^| )${field.replaceAll(".", "\\.")}-warning( |$)`));
  await expect(input).not.toHaveAttribute("aria-invalid", "true");
  // Marked by a thicker border as well as by colour.
  expect(await input.evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe("3px");
  const i = (await input.boundingBox())!;
  const w = (await warning.boundingBox())!;
  expect(w.y).toBeGreaterThanOrEqual(i.y + i.height);
  expect(w.y - (i.y + i.height)).toBeLessThan(24);
  expect(w.x).toBeGreaterThanOrEqual(0);
  expect(w.x + w.width).toBeLessThanOrEqual(PHONE.width);
}

/** The list above the save button links to the field and holds the confirmation. */
async function expectSummaryLinksTo(page: Page, fields: string[]) {
  const summary = page.getByTestId("report-warnings");
  await expect(summary.getByTestId("report-warning")).toHaveCount(fields.length);
  for (const f of fields) await expect(summary.locator(`a[href="#${f}"]`)).toHaveCount(1);
  await expect(summary.getByTestId("acknowledge-warnings")).toBeVisible();
  const s = (await summary.boundingBox())!;
  const save = (await page.getByTestId("submit-report").boundingBox())!;
  expect(save.y).toBeGreaterThan(s.y + s.height - 1);
}

for (const locale of ["en", "ar"] as const) {
  test.describe(`${locale}, JavaScript on, 360 px`, () => {
    test.use({ viewport: PHONE });

    test(`${locale}: a figure far above the previous week's is warned under its field, confirmed and saved`, async ({ page, browser }) => {
      await page.context().addCookies(await coordinatorCookies(browser, `${locale}-js`));
      const [lastWeek, thisWeek] = unusedWeeks(2) as [string, string];
      await page.goto(`/${locale}/reports/SY0205/${lastWeek}`);
      await fill(page, "6077", "6077", "30000");
      await submitAndWaitFor(page, "1");

      await page.goto(`/${locale}/reports/SY0205/${thisWeek}`);
      await page.waitForLoadState("networkidle");
      await expect(page.getByTestId("report-warnings")).toHaveCount(0);
      // 60770 for 6077: a misplaced digit.
      await fill(page, "60770", "6077", "61000");
      await expectWarningUnder(page, "newlyDisplacedFamilies", [...TEXT[locale].rise, lastWeek.slice(0, 4)]);
      // Only that field: the others are within the rule.
      await expect(page.locator('[data-warning="true"]')).toHaveCount(1);
      await expect(page.getByTestId("field-warning")).toHaveCount(1);
      await expectSummaryLinksTo(page, ["newlyDisplacedFamilies"]);

      await page.getByTestId("submit-report").click();
      await expect(page.locator("#acknowledgeWarnings-error")).toHaveText(TEXT[locale].confirm);
      await expect(page.locator('input[name="version"]')).toHaveValue("0");
      await page.getByTestId("acknowledge-warnings").check();
      await submitAndWaitFor(page, "1");
      await page.reload();
      await expect(page.locator("#newlyDisplacedFamilies")).toHaveValue("60770");
    });
  });

  test.describe(`${locale}, JavaScript off, 360 px`, () => {
    test.use({ javaScriptEnabled: false, viewport: PHONE });

    test(`${locale}: the server's answer puts the warning under the field, names the week compared, and saves once confirmed`, async ({ page, browser }) => {
      await page.context().addCookies(await coordinatorCookies(browser, `${locale}-nojs`));
      const [lastWeek, thisWeek] = unusedWeeks(2) as [string, string];
      await page.goto(`/${locale}/reports/SY0205/${lastWeek}`);
      await fill(page, "6077", "6077", "30000");
      await submitAndWaitFor(page, "1");

      await page.goto(`/${locale}/reports/SY0205/${thisWeek}`);
      await fill(page, "60770", "6077", "61000");
      await page.getByTestId("submit-report").click();
      await expect(page.getByTestId("report-form").getByRole("alert").first()).toContainText(TEXT[locale].notSaved);
      await expectWarningUnder(page, "newlyDisplacedFamilies", [...TEXT[locale].rise, lastWeek.slice(0, 4)]);
      await expect(page.locator('[data-warning="true"]')).toHaveCount(1);
      await expectSummaryLinksTo(page, ["newlyDisplacedFamilies"]);
      await expect(page.locator("#acknowledgeWarnings-error")).toHaveText(TEXT[locale].confirm);
      // The typed figures came back; nothing was stored.
      await expect(page.locator("#newlyDisplacedFamilies")).toHaveValue("60770");
      await expect(page.locator('input[name="version"]')).toHaveValue("0");

      await page.getByTestId("acknowledge-warnings").check();
      await submitAndWaitFor(page, "1");
      await expect(page.locator("#newlyDisplacedFamilies")).toHaveValue("60770");
    });

    test(`${locale}: with no report the week before, the warning compares with this week's newly displaced, never "last week"`, async ({ page, browser }) => {
      await page.context().addCookies(await coordinatorCookies(browser, `${locale}-first`));
      // unusedWeeks keeps the week before free: this week has nothing to compare with.
      const [week] = unusedWeeks(1) as [string];
      await page.goto(`/${locale}/reports/SY0205/${week}`);
      await fill(page, "500", "0", "300");
      await page.getByTestId("submit-report").click();

      const form = page.getByTestId("report-form");
      await expect(form.getByRole("alert").first()).toContainText(TEXT[locale].notSaved);
      await expectWarningUnder(page, "totalDisplacedFamilies", [TEXT[locale].belowNew]);
      await expectSummaryLinksTo(page, ["totalDisplacedFamilies"]);
      await expect(page.locator('[data-warning="true"]')).toHaveCount(1);
      expect(await plain(form)).not.toMatch(TEXT[locale].lastWeek);
      expect(await plain(page.getByTestId("warnings-rule"))).not.toMatch(TEXT[locale].lastWeek);

      await page.getByTestId("acknowledge-warnings").check();
      await submitAndWaitFor(page, "1");
      await expect(page.locator("#totalDisplacedFamilies")).toHaveValue("300");
    });
  });
}
