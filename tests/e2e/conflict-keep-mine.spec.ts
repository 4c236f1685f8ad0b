import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * After a conflict, "keep my values and save over version N" must save (it used to send the old
 * version again and loop on the same refusal), and the message must not blame "someone else" when
 * it was the same person in another tab. At phone width, in English and Arabic.
 */

const PHONE = { width: 360, height: 780 };

type SavedState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function tab(browser: Browser, storageState?: SavedState): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, storageState });
  return context.newPage();
}

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: the same coordinator in two tabs — the conflict names them, and keeping their values saves over the new version`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`keep-${locale}`);
    const generated = await createUserAsAdmin(admin, { email, name: `Keep Mine ${locale}`, role: "coordinator", areas: ["SY02"] });
    const first = await tab(browser);
    // Signing in from the Arabic page still lands in English (issue 11, item 6): sign in in English, then work in the spec's language.
    await signInFirstTime(first, email, generated);
    // The second tab shares the first one's session, as two tabs of one browser do.
    const second = await tab(browser, await first.context().storageState());
    const url = `/${locale}/reports/SY0200/${unusedWeeks(1)[0]}`;

    await first.goto(url);
    await first.locator("#newlyDisplacedFamilies").fill("500");
    await first.locator("#repeatDisplacedFamilies").fill("100");
    await first.locator("#totalDisplacedFamilies").fill("2000");
    await first.getByTestId("save-draft").click();
    await expect(first.locator('input[name="version"]')).toHaveValue("1");

    // Both tabs now show version 1; the first tab saves version 2, the second types over version 1.
    await second.goto(url);
    await expect(second.locator("#totalDisplacedFamilies")).toHaveValue("2000");
    await first.locator("#totalDisplacedFamilies").fill("2100");
    await first.getByTestId("save-draft").click();
    // "Saved" is still on the page from the first save: wait for the new version itself.
    await expect(first.locator('input[name="version"]')).toHaveValue("2");

    await second.locator("#newlyDisplacedFamilies").fill("600");
    await second.getByTestId("save-draft").click();
    const conflict = second.getByTestId("report-conflict");
    await expect(conflict).toBeVisible();
    await expect(conflict).toHaveAttribute("data-by-you", "true");
    await expect(conflict).not.toContainText(locale === "en" ? "someone else" : "شخص آخر");
    await expect(second.locator("#newlyDisplacedFamilies")).toHaveValue("600");

    // Keep mine: the save goes over version 2, and is stored.
    await second.getByTestId("overwrite").click();
    await second.getByTestId("save-draft").click();
    await expect(second.getByTestId("report-saved")).toBeVisible();
    await expect(second.getByTestId("report-conflict")).toHaveCount(0);

    await first.reload();
    await expect(first.locator("#newlyDisplacedFamilies")).toHaveValue("600");
    // The second tab started from version 1, so it did not change the total: its form still held 2000.
    await expect(first.locator("#totalDisplacedFamilies")).toHaveValue("2000");
    await expect(first.getByTestId("revision")).toHaveCount(3);
    // The history says that version 3 was saved over version 2 on purpose.
    await expect(first.locator('[data-testid="revision"][data-version="3"]')).toHaveAttribute("data-kept-mine", "true");
    await expect(first.locator('[data-testid="revision"][data-version="2"]')).not.toHaveAttribute("data-kept-mine", "true");
  });
}
