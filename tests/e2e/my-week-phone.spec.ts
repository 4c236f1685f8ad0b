import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * My week → entry → submit on a 360 px phone, in English and Arabic (issue 11, item 3): below the
 * sm breakpoint My week is a list of cards, and the way into each report (its name and the
 * "Enter figures" link) is on screen without sideways scrolling.
 */

const PHONE = { width: 360, height: 780 };
const TEXT = {
  en: { enter: "Enter figures", edit: "Edit", submitted: "Submitted" },
  ar: { enter: "إدخال الأرقام", edit: "تعديل", submitted: "مُرسَل" },
};

async function noWiderThanScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** The element lies inside the screen, horizontally: visible without scrolling sideways. */
async function onScreen(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, testId).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: at 360 px a coordinator goes from My week to the entry form and submits`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`phone-${locale}`);
    const generated = await createUserAsAdmin(admin, { email, name: `Phone Coordinator ${locale}`, role: "coordinator", areas: ["SY02"] });
    const coordinator = await newPerson(browser);
    await coordinator.setViewportSize(PHONE);
    await signInFirstTime(coordinator, email, generated);
    const [week] = unusedWeeks(1) as [string];

    await coordinator.goto(`/${locale}?week=${week}`);
    const row = coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0200"]');
    await expect(row).toHaveAttribute("data-status", "missing");
    // A card: the row is laid out as a block, the column headers are for screen readers only.
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe("block");
    await expect(coordinator.getByTestId("open-SY0200")).toHaveText(TEXT[locale].enter);
    await onScreen(coordinator, "open-SY0200");
    await onScreen(coordinator, "open-name-SY0200");
    // Every card's way in is on screen, the deepest sub-area's too.
    for (const link of await coordinator.locator('[data-testid^="open-SY"]').all()) {
      const box = await link.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
    await noWiderThanScreen(coordinator);
    await coordinator.screenshot({ path: `test-results/e2e/shots/${locale}-my-week-360.png`, fullPage: true });

    // The area's name is a link to the report as well.
    await expect(coordinator.getByTestId("open-name-SY0200")).toHaveAttribute("href", `/${locale}/reports/SY0200/${week}`);
    await coordinator.getByTestId("open-name-SY0200").click();
    await expect(coordinator).toHaveURL(new RegExp(`/${locale}/reports/SY0200/${week}$`));
    await coordinator.waitForLoadState("networkidle");
    await coordinator.locator("#newlyDisplacedFamilies").fill("6077");
    await coordinator.locator("#repeatDisplacedFamilies").fill("6077");
    await coordinator.locator("#totalDisplacedFamilies").fill("11000");
    await coordinator.locator('[id="sectors.food_security.gapPct"]').fill("91");
    await noWiderThanScreen(coordinator);
    await coordinator.getByTestId("submit-report").click();
    await expect(coordinator.locator('input[name="version"]')).toHaveValue("1");
    await expect(coordinator.getByTestId("report-status")).toHaveAttribute("data-status", "submitted");
    await noWiderThanScreen(coordinator);

    // Back on My week the card says so, and leads to the report for editing.
    await coordinator.goto(`/${locale}?week=${week}`);
    await expect(row).toHaveAttribute("data-status", "submitted");
    await expect(row).toContainText(TEXT[locale].submitted);
    await expect(coordinator.getByTestId("open-SY0200")).toHaveText(TEXT[locale].edit);
    await onScreen(coordinator, "open-SY0200");
    await noWiderThanScreen(coordinator);
  });
}

test("at 1280 px My week stays a table", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("desk");
  const generated = await createUserAsAdmin(admin, { email, name: "Desk Coordinator", role: "coordinator", areas: ["SY0203"] });
  const coordinator = await newPerson(browser);
  await signInFirstTime(coordinator, email, generated);
  await coordinator.goto(`/en?week=${unusedWeeks(1)[0]}`);
  const row = coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0203"]');
  expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe("table-row");
  await expect(coordinator.getByTestId("my-week").locator("thead th").first()).toBeVisible();
});
