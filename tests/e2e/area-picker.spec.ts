import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, uniqueEmail } from "./helpers";

/**
 * The area picker of a coordinator's account (issue 11, item 13): a search by English or Arabic
 * name or P-code (Arabic without hamza forms), the chosen areas listed above the tree, no control
 * inside a <summary>, and, with JavaScript off, the whole tree of checkboxes posting as before.
 */

const TEXT = {
  en: { search: "Find an area", oneMatch: "1 area matches", twoMatch: "2 areas match", none: "No area matches" },
  ar: { search: "ابحث عن منطقة", oneMatch: "منطقة واحدة مطابقة", twoMatch: "منطقتان مطابقتان", none: "لا توجد منطقة مطابقة" },
};

const row = (page: Page, pcode: string) => page.locator(`[data-testid="area-tree"] li[data-pcode="${pcode}"]`);
const box = (page: Page, pcode: string) => page.locator(`input[name="areas"][value="${pcode}"]`);

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: the admin finds areas by Arabic name without hamza, by English name and by P-code; filtered-out ticks still save`, async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`/${locale}/admin/users/new`);
    await page.waitForLoadState("networkidle");
    const email = uniqueEmail(`picker-${locale}`);
    await page.locator('[name="email"]').fill(email);
    await page.locator('[name="name"]').fill(`Picker ${locale}`);
    await page.locator('select[name="role"]').selectOption("coordinator");
    expect(await page.locator("summary input, summary a, summary button").count()).toBe(0);

    const search = page.getByLabel(TEXT[locale].search);
    // "اريحا" (no hamza) finds the district أريحا and its sub-district مركز أريحا; Idleb, the branch above, stays for context.
    await search.fill("اريحا");
    await expect(page.getByTestId("area-search-count")).toHaveText(TEXT[locale].twoMatch);
    await expect(row(page, "SY0705")).toBeVisible();
    await expect(box(page, "SY070500")).toBeVisible();
    await expect(row(page, "SY07")).toBeVisible();
    await expect(row(page, "SY02")).toBeHidden();
    await box(page, "SY0705").check();
    await expect(page.locator('[data-testid="area-chosen"] li[data-pcode="SY0705"]')).toBeVisible();

    // By English name, ignoring the apostrophe: "Al Ma'ra".
    await search.fill("al mara");
    await expect(row(page, "SY0702")).toBeVisible();
    await expect(row(page, "SY0705")).toBeHidden();
    // By P-code, in any case; a sub-district folded away is opened for it. "أتارب" is also found as "اتارب".
    await search.fill("اتارب");
    await expect(box(page, "SY020001")).toBeVisible();
    await search.fill("sy020001");
    await expect(page.getByTestId("area-search-count")).toHaveText(TEXT[locale].oneMatch);
    await expect(box(page, "SY020001")).toBeVisible();
    await box(page, "SY020001").check();
    await search.fill("zzzz");
    await expect(page.getByTestId("area-search-count")).toHaveText(TEXT[locale].none);
    // Enter in the search box does not post the form.
    await search.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/users/new$`));
    await expect(page.getByTestId("new-password")).toHaveCount(0);

    // Both chosen areas are listed above the tree, in tree order, and both post although filtered out.
    await expect(page.locator('[data-testid="area-chosen"] li')).toHaveCount(2);
    await expect(page.locator('[data-testid="area-chosen"] li').first()).toHaveAttribute("data-pcode", "SY020001");
    await page.getByTestId("create-user").click();
    await expect(page.getByTestId("new-password")).toBeVisible();
    await page.goto(`/${locale}/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByTestId("user-row").getByRole("link", { name: email }).click();
    await page.waitForLoadState("networkidle");
    await expect(box(page, "SY0705")).toBeChecked();
    await expect(box(page, "SY020001")).toBeChecked();
    // On the account page the chosen areas come first, and their branches are open.
    await expect(page.locator('[data-testid="area-chosen"] li')).toHaveCount(2);
    await expect(box(page, "SY020001")).toBeVisible();
  });
}

test("with JavaScript off there is no search box, every checkbox is in the page, and ticks post", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/ar/admin/users/new");
  await expect(page.getByTestId("area-search")).toHaveCount(0);
  expect(await page.locator('input[name="areas"]').count()).toBeGreaterThan(300);
  expect(await page.locator("summary input").count()).toBe(0);
  const email = uniqueEmail("picker-nojs");
  await page.locator('[name="email"]').fill(email);
  await page.locator('[name="name"]').fill("Picker without script");
  await page.locator('select[name="role"]').selectOption("coordinator");
  await box(page, "SY0203").check();
  await page.getByTestId("create-user").click();
  await expect(page.getByTestId("new-password")).toBeVisible();
  await context.close();
});
