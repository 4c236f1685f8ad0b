import { expect, test } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * Issue 15: on My week each reporting unit says due / submitted / overdue with the deadline (the
 * weeks handed out here are long past their deadline), at 360 px; an admin locks a week, the
 * coordinator's report page refuses it, and the admin unlocks it with a reason, then returns it to
 * the automatic lock.
 */

const TEXT = {
  en: { overdue: "Overdue", submitted: "Submitted", locked: "is locked" },
  ar: { overdue: "متأخر", submitted: "أُرسل", locked: "مقفل" },
};

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: a coordinator sees an overdue unit on My week at 360 px, then submitted`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`overdue-${locale}`);
    const generated = await createUserAsAdmin(admin, { email, name: `Overdue Coordinator ${locale}`, role: "coordinator", areas: ["SY0703"] });
    const coordinator = await newPerson(browser);
    await coordinator.setViewportSize({ width: 360, height: 780 });
    await signInFirstTime(coordinator, email, generated, locale);
    const [week] = unusedWeeks(1) as [string];

    await coordinator.goto(`/${locale}?week=${week}`);
    const due = coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0703"] [data-testid="my-week-due"]');
    await expect(due).toHaveAttribute("data-due", "overdue");
    await expect(due).toContainText(TEXT[locale].overdue);
    await expect(coordinator.getByTestId("my-week-deadline")).toBeVisible();
    // Its sub-districts are listed but not expected.
    await expect(coordinator.locator('[data-testid="my-week-row"][data-pcode="SY070300"] [data-testid="my-week-due"]')).not.toHaveAttribute("data-due", /.+/);
    const box = await due.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await coordinator.goto(`/${locale}/reports/SY0703/${week}`);
    await coordinator.waitForLoadState("networkidle");
    await coordinator.locator("#newlyDisplacedFamilies").fill("50");
    await coordinator.locator("#repeatDisplacedFamilies").fill("5");
    await coordinator.locator("#totalDisplacedFamilies").fill("300");
    await coordinator.getByTestId("submit-report").click();
    await expect(coordinator.locator('input[name="version"]')).toHaveValue("1");
    await coordinator.goto(`/${locale}?week=${week}`);
    await expect(due).toHaveAttribute("data-due", "submitted");
    await expect(due).toContainText(TEXT[locale].submitted);
  });
}

test("en: an admin locks a week, the coordinator's report page and save refuse it, and an unlock needs a reason", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("locked");
  const generated = await createUserAsAdmin(admin, { email, name: "Locked Coordinator", role: "coordinator", areas: ["SY0703"] });
  const coordinator = await newPerson(browser);
  await signInFirstTime(coordinator, email, generated);
  const [week] = unusedWeeks(1) as [string];

  // The coordinator opens the form while the week is open…
  await coordinator.goto(`/en/reports/SY0703/${week}`);
  await coordinator.waitForLoadState("networkidle");
  await coordinator.locator("#newlyDisplacedFamilies").fill("10");
  await coordinator.locator("#repeatDisplacedFamilies").fill("0");
  await coordinator.locator("#totalDisplacedFamilies").fill("100");

  // …the admin locks it meanwhile…
  await admin.goto(`/en/admin/deadlines?week=${week}`);
  await admin.waitForLoadState("networkidle");
  const row = admin.locator(`[data-testid="deadline-week"][data-week="${week}"]`);
  await expect(row).toHaveAttribute("data-locked", "false");
  await row.locator(`#lock-reason-${week}`).fill("round closed");
  await admin.getByTestId(`lock-${week}`).click();
  await expect(row).toHaveAttribute("data-locked", "true");

  // …so the save is refused with a clear message and nothing is saved.
  await coordinator.getByTestId("submit-report").click();
  await expect(coordinator.getByRole("alert").filter({ hasText: "is locked" }).first()).toBeVisible();
  await expect(coordinator.locator('input[name="version"]')).toHaveValue("0");
  await coordinator.goto(`/en/reports/SY0703/${week}`);
  await expect(coordinator.getByTestId("week-locked")).toContainText(TEXT.en.locked);
  await expect(coordinator.locator("#newlyDisplacedFamilies")).toHaveCount(0);

  // Unlocking asks for a reason; with one, the week opens again and the audit log has it.
  await admin.goto(`/en/admin/deadlines?week=${week}`);
  await admin.waitForLoadState("networkidle");
  await admin.getByTestId(`unlock-${week}`).click();
  await expect(row).toHaveAttribute("data-locked", "true");
  await row.locator(`#unlock-reason-${week}`).fill("late data from the field");
  await admin.getByTestId(`unlock-${week}`).click();
  await expect(row).toHaveAttribute("data-locked", "false");
  await admin.goto(`/en/admin/audit?action=deadline.unlock`);
  await expect(admin.locator("body")).toContainText("Week unlocked");
  await expect(admin.locator("body")).toContainText("late data from the field");

  await coordinator.goto(`/en/reports/SY0703/${week}`);
  await expect(coordinator.locator("#newlyDisplacedFamilies")).toBeVisible();
  await expect(coordinator.getByTestId("week-locked")).toHaveCount(0);

  // Back to automatic: the week follows the settings again, as if no admin had touched it, and the audit log says so.
  await admin.goto(`/en/admin/deadlines?week=${week}`);
  await admin.waitForLoadState("networkidle");
  await expect(row.getByTestId("lock-state")).toContainText("Unlocked by an admin");
  await admin.getByTestId(`automatic-${week}`).click();
  await expect(row.getByTestId("lock-state")).not.toContainText("by an admin");
  await expect(admin.getByTestId(`automatic-${week}`)).toHaveCount(0);
  await admin.goto(`/en/admin/audit?action=deadline.auto`);
  await expect(admin.locator("body")).toContainText("Week back to the automatic lock");
});

test("ar, 360 px: a week locked by hand goes back to the automatic lock from the deadlines page, which fits the screen", async ({ page: admin }) => {
  await admin.setViewportSize({ width: 360, height: 780 });
  await signIn(admin, ADMIN.email, ADMIN.password);
  const [week] = unusedWeeks(1) as [string];
  await admin.goto(`/ar/admin/deadlines?week=${week}`);
  await admin.waitForLoadState("networkidle");
  const row = admin.locator(`[data-testid="deadline-week"][data-week="${week}"]`);
  await admin.getByTestId(`lock-${week}`).click();
  await expect(row.getByTestId("lock-state")).toContainText("أقفله مدير");
  const automatic = admin.getByTestId(`automatic-${week}`);
  await expect(automatic).toHaveText("العودة إلى القفل التلقائي");
  const box = await automatic.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await automatic.click();
  await expect(row.getByTestId("lock-state")).not.toContainText("مدير");
  await expect(automatic).toHaveCount(0);
});
