import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * Approval on a phone, in both languages: the queue shows each report's figures and who submitted
 * it; the admin returns one with a comment; the coordinator sees "Returned" and the comment on My
 * week and on the report, and submits again. "Approve all" asks first and approves only what it
 * showed. Then one destructive action (deactivating an account) asks first too, checked on the server.
 */

const PHONE = { width: 360, height: 780 };
const TEXT = {
  en: { returned: "Returned", commentRequired: "Write a comment for the coordinator.", confirmRequired: "Tick the box to confirm.", copied: "Copied" },
  ar: { returned: "أُعيد للتعديل", commentRequired: "اكتب تعليقًا للمنسّق.", confirmRequired: "ضع علامة في المربع للتأكيد.", copied: "نُسخ" },
};

/** Nothing on the page needs sideways scrolling, and the element sits inside the screen. */
async function onScreen(page: Page, testId: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "page wider than the screen").toBeLessThanOrEqual(PHONE.width);
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box, testId).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

async function submitFigures(page: Page, locale: string, pcode: string, week: string, figures: { newly: string; repeat: string; total: string; nfi?: string; shelter?: string; need?: string }) {
  await page.goto(`/${locale}/reports/${pcode}/${week}`);
  await page.waitForLoadState("networkidle");
  await page.locator("#newlyDisplacedFamilies").fill(figures.newly);
  await page.locator("#repeatDisplacedFamilies").fill(figures.repeat);
  await page.locator("#totalDisplacedFamilies").fill(figures.total);
  if (figures.nfi) await page.locator('[id="sectors.nfi.gapPct"]').fill(figures.nfi);
  if (figures.shelter) await page.locator('[id="sectors.shelter.gapPct"]').fill(figures.shelter);
  if (figures.need) await page.locator('[id="sectors.shelter.familiesInNeed"]').fill(figures.need);
  await page.getByTestId("submit-report").click();
  await expect(page.getByTestId("report-saved")).toBeVisible();
  await expect(page.getByTestId("report-status")).toHaveAttribute("data-status", "submitted");
}

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: the queue shows the figures at 360 px; return with a comment; the coordinator sees it and submits again; approve all asks first`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`return-${locale}`);
    const name = `Return Coordinator ${locale}`;
    const generated = await createUserAsAdmin(admin, { email, name, role: "coordinator", areas: ["SY02"] });
    const coordinator = await newPerson(browser);
    await coordinator.setViewportSize(PHONE);
    // Signed in from the English page (the saved language decides where sign-in lands); every page below is in `locale`.
    await signInFirstTime(coordinator, email, generated);
    await admin.setViewportSize(PHONE);
    const [week] = unusedWeeks(1) as [string];

    // The coordinator submits the January 2020 figures for Afrin.
    await submitFigures(coordinator, locale, "SY0203", week, { newly: "6077", repeat: "6077", total: "11000", nfi: "83", shelter: "93", need: "6077" });

    // The admin sees it in the queue, with its figures and who submitted it, on a phone.
    await admin.goto(`/${locale}?week=${week}`);
    const card = admin.locator('[data-testid="awaiting-row"][data-pcode="SY0203"]');
    await expect(card).toBeVisible();
    await expect(card.getByTestId("awaiting-newlyDisplacedFamilies")).toHaveText(/6.?077/);
    await expect(card.getByTestId("awaiting-totalDisplacedFamilies")).toHaveText(/11.?000/);
    await expect(card.getByTestId("awaiting-sector-nfi")).toContainText("83");
    await expect(card.getByTestId("awaiting-sector-shelter")).toContainText("93");
    await expect(card.getByTestId("awaiting-sector-shelter")).toContainText(/6.?077/);
    await expect(card.getByTestId("awaiting-submitted")).toContainText(name);
    await expect(card.getByTestId("awaiting-no-warnings")).toBeVisible();
    await onScreen(admin, "approve-SY0203");

    // Return with a comment: an empty comment is refused with a message at the field.
    await admin.waitForLoadState("networkidle");
    await card.getByTestId("return-SY0203").locator("summary").click();
    await card.getByTestId("return").click();
    await expect(card.getByText(TEXT[locale].commentRequired)).toBeVisible();
    const comment = `Repeat displacement equals new arrivals for ${week}: please check with the camp committee.`;
    await card.locator("#comment-SY0203").fill(comment);
    await onScreen(admin, "return");
    await card.getByTestId("return").click();
    await expect(admin.locator('[data-testid="awaiting-row"][data-pcode="SY0203"]')).toHaveCount(0);

    // The coordinator sees "Returned" and the comment on My week, at 360 px, and on the report.
    await coordinator.goto(`/${locale}?week=${week}`);
    const row = coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0203"]');
    await expect(row.getByTestId("report-status")).toHaveText(TEXT[locale].returned);
    await expect(row.getByTestId("my-week-returned")).toContainText(comment);
    await expect(row.getByTestId("my-week-returned")).toContainText("E2E Admin");
    await onScreen(coordinator, "open-SY0203");
    await row.getByTestId("open-SY0203").click();
    await expect(coordinator.getByTestId("report-returned")).toContainText(comment);

    // Corrected and submitted again: no longer returned, back in the queue.
    await coordinator.waitForLoadState("networkidle");
    await coordinator.locator("#repeatDisplacedFamilies").fill("5000");
    await coordinator.getByTestId("submit-report").click();
    await expect(coordinator.getByTestId("report-saved")).toBeVisible();
    await expect(coordinator.getByTestId("report-returned")).toHaveCount(0);
    await coordinator.goto(`/${locale}?week=${week}`);
    await expect(coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0203"]').getByTestId("my-week-returned")).toHaveCount(0);

    // A second report; then "approve all" asks first, listing what it will approve.
    await submitFigures(coordinator, locale, "SY0204", week, { newly: "120", repeat: "20", total: "900" });
    await admin.goto(`/${locale}?week=${week}`);
    await admin.getByTestId("approve-all-SY02").click();
    await expect(admin).toHaveURL(/approveAll=SY02/);
    const confirm = admin.getByTestId("approve-all-confirm");
    await expect(confirm.getByTestId("approve-all-list").locator("li")).toHaveCount(2);
    await expect(confirm.getByTestId("approve-all-list")).toContainText("SY0203");
    await expect(confirm.getByTestId("approve-all-list")).toContainText("SY0204");
    await onScreen(admin, "approve-all-submit");
    // Nothing is approved by reaching the step.
    await expect(admin.locator('[data-testid="awaiting-row"]')).toHaveCount(2);

    // A report submitted after the step was shown is not approved unseen.
    await submitFigures(coordinator, locale, "SY0205", week, { newly: "40", repeat: "0", total: "300" });
    await admin.waitForLoadState("networkidle");
    await confirm.getByTestId("confirm-approve-all").check();
    await confirm.getByTestId("approve-all-submit").click();
    await expect(confirm.getByRole("status")).toContainText("SY0205");
    await expect(admin.locator('[data-testid="awaiting-row"]')).toHaveCount(1);
    await expect(admin.locator('[data-testid="awaiting-row"][data-pcode="SY0205"]')).toBeVisible();
    await coordinator.goto(`/${locale}?week=${week}`);
    await expect(coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0203"]')).toHaveAttribute("data-status", "approved");
    await expect(coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0204"]')).toHaveAttribute("data-status", "approved");
    await expect(coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0205"]')).toHaveAttribute("data-status", "submitted");
  });

  test(`${locale}: the report page's own return form, at 360 px: a comment is required; the coordinator sees it on the report`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`return-page-${locale}`);
    const generated = await createUserAsAdmin(admin, { email, name: `Return Page Coordinator ${locale}`, role: "coordinator", areas: ["SY02"] });
    const coordinator = await newPerson(browser);
    await coordinator.setViewportSize(PHONE);
    await signInFirstTime(coordinator, email, generated);
    await admin.setViewportSize(PHONE);
    const [week] = unusedWeeks(1) as [string];
    await submitFigures(coordinator, locale, "SY0206", week, { newly: "310", repeat: "40", total: "2100" });

    // The admin opens the report itself (not the queue) and returns it from its own form.
    await admin.goto(`/${locale}/reports/SY0206/${week}`);
    await admin.waitForLoadState("networkidle");
    await expect(admin.getByTestId("report-status")).toHaveAttribute("data-status", "submitted");
    const form = admin.getByTestId("return-form");
    await form.getByTestId("return").click();
    await expect(form.getByText(TEXT[locale].commentRequired)).toBeVisible();
    await expect(admin.getByTestId("report-status")).toHaveAttribute("data-status", "submitted");
    const comment = `Total for ${week} is below the camp committee's count: please check.`;
    await form.locator("#comment").fill(comment);
    await onScreen(admin, "return");
    await form.getByTestId("return").click();
    await expect(admin.getByTestId("report-status")).toHaveAttribute("data-status", "returned");
    await expect(admin.getByTestId("report-status")).toHaveText(TEXT[locale].returned);
    await expect(admin.getByTestId("report-returned")).toContainText(comment);
    // A returned report is a draft again: nothing is left to return.
    await expect(admin.getByTestId("return-form")).toHaveCount(0);

    // The coordinator sees why on the report, with who returned it.
    await coordinator.goto(`/${locale}/reports/SY0206/${week}`);
    await expect(coordinator.getByTestId("report-returned")).toContainText(comment);
    await expect(coordinator.getByTestId("report-returned")).toContainText("E2E Admin");
    await onScreen(coordinator, "report-returned");
  });

  test(`${locale}: a new account's password names the account and copies; deactivating asks first, and the server checks it`, async ({ page }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await signIn(page, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`confirm-${locale}`);
    const name = `Confirm Viewer ${locale}`;
    await page.goto(`/${locale}/admin/users/new`);
    await page.locator('[name="email"]').fill(email);
    await page.locator('[name="name"]').fill(name);
    await page.locator('select[name="role"]').selectOption("viewer");
    await page.getByTestId("create-user").click();
    const secret = page.getByTestId("new-password");
    await expect(secret).toBeVisible();
    const box = page.getByRole("status").filter({ has: secret });
    await expect(box).toContainText(name);
    await expect(box).toContainText(email);
    const password = (await secret.textContent())!.trim();
    await page.getByTestId("new-password-copy").click();
    await expect(page.getByTestId("new-password-copy-result")).toHaveText(TEXT[locale].copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);

    await page.getByTestId("new-user-link").click();
    await page.waitForLoadState("networkidle");
    // Without the box ticked the browser does not post at all…
    await page.getByTestId("deactivate").click();
    await expect(page.getByTestId("deactivate")).toBeVisible();
    await expect(page.getByTestId("reactivate")).toHaveCount(0);
    // …and a post that skips the browser's check is refused by the server, with the message at the box.
    await page.getByTestId("confirm-deactivate").evaluate((el) => el.removeAttribute("required"));
    await page.getByTestId("deactivate").click();
    await expect(page.getByText(TEXT[locale].confirmRequired)).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("reactivate")).toHaveCount(0);
    // Ticked: done.
    await page.getByTestId("confirm-deactivate").check();
    await page.getByTestId("deactivate").click();
    await expect(page.getByTestId("reactivate")).toBeVisible();
  });
}
