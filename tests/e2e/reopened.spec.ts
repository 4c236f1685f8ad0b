import { expect, test } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * A report an admin reopens must look reopened to its coordinator at once: on My week and on the
 * report, with the admin's reason; and the admin sees that it happened. Phone width, both languages.
 */

const PHONE = { width: 360, height: 780 };
const TEXT = {
  en: { banner: "Reopened by", row: "Reopened for changes:" },
  ar: { banner: "أعاد", row: "أُعيد فتحه للتعديل:" },
};

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: a reopened report says so, with the reason, on My week and on the report, until the coordinator submits again`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`reopened-${locale}`);
    const generated = await createUserAsAdmin(admin, { email, name: `Reopened ${locale}`, role: "coordinator", areas: ["SY02"] });
    const coordinator = await newPerson(browser);
    await coordinator.setViewportSize(PHONE);
    await signInFirstTime(coordinator, email, generated);
    const [week] = unusedWeeks(1) as [string];
    const url = `/${locale}/reports/SY0203/${week}`;

    await coordinator.goto(url);
    await coordinator.locator("#newlyDisplacedFamilies").fill("70");
    await coordinator.locator("#repeatDisplacedFamilies").fill("10");
    await coordinator.locator("#totalDisplacedFamilies").fill("400");
    await coordinator.getByTestId("submit-report").click();
    await expect(coordinator.getByTestId("report-saved")).toBeVisible();

    // The admin approves, then reopens with a reason, and sees the result.
    await admin.goto(`/${locale}/reports/SY0203/${week}`);
    await admin.getByTestId("approve-SY0203").click();
    await expect(admin.getByTestId("report-locked")).toBeVisible();
    const reason = `Total looks too low for ${week} — check the camp count`;
    await admin.locator("#reason").fill(reason);
    await admin.getByTestId("reopen").click();
    const banner = admin.getByTestId("report-reopened");
    await expect(banner).toContainText(TEXT[locale].banner);
    await expect(banner).toContainText(reason);

    // The coordinator sees it on My week (at 360 px the row is on screen) and on the report.
    await coordinator.goto(`/${locale}?week=${week}`);
    const row = coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0203"]');
    await expect(row.getByTestId("my-week-reopened")).toContainText(TEXT[locale].row);
    await expect(row.getByTestId("my-week-reopened")).toContainText(reason);
    await row.getByTestId("open-SY0203").click();
    await expect(coordinator.getByTestId("report-reopened")).toContainText(reason);

    // Corrected and submitted again: no longer "reopened".
    await coordinator.locator("#totalDisplacedFamilies").fill("450");
    await coordinator.getByTestId("submit-report").click();
    await expect(coordinator.getByTestId("report-saved")).toBeVisible();
    await expect(coordinator.getByTestId("report-reopened")).toHaveCount(0);
    await coordinator.goto(`/${locale}?week=${week}`);
    await expect(coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0203"]').getByTestId("my-week-reopened")).toHaveCount(0);
  });
}
