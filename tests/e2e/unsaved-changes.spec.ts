import { expect, test } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/** Typed figures are not thrown away without a question: week links, "copy last week", the menu. At phone width, both languages. */

const PHONE = { width: 360, height: 780 };
const MESSAGE = {
  en: "You have typed figures that are not saved",
  ar: "أدخلتَ أرقاماً لم تُحفظ بعد",
};

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: leaving the entry page with unsaved figures asks first; saved figures leave without a question`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const email = uniqueEmail(`unsaved-${locale}`);
    const generated = await createUserAsAdmin(admin, { email, name: `Unsaved ${locale}`, role: "coordinator", areas: ["SY02"] });
    const page = await newPerson(browser);
    await page.setViewportSize(PHONE);
    await signInFirstTime(page, email, generated);
    const [week] = unusedWeeks(1) as [string];
    const url = `/${locale}/reports/SY0202/${week}`;
    await page.goto(url);

    const dialogs: string[] = [];
    let answer = false;
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });

    // Nothing typed: the next week opens without a question.
    await page.getByTestId("week-next").click();
    await expect(page).not.toHaveURL(new RegExp(`${week}$`));
    expect(dialogs).toHaveLength(0);
    await page.goto(url);

    await page.locator("#newlyDisplacedFamilies").fill("321");
    // Dismissed: the page and the typed figure stay.
    await page.getByTestId("week-next").click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain(MESSAGE[locale]);
    await expect(page).toHaveURL(new RegExp(`${week}$`));
    await expect(page.locator("#newlyDisplacedFamilies")).toHaveValue("321");

    // Accepted: the browser goes.
    answer = true;
    await page.getByTestId("week-previous").click();
    await expect.poll(() => dialogs.length).toBe(2);
    await expect(page).not.toHaveURL(new RegExp(`${week}$`));

    // Saved figures: no question.
    answer = false;
    await page.goto(url);
    await page.locator("#newlyDisplacedFamilies").fill("321");
    await page.locator("#repeatDisplacedFamilies").fill("0");
    await page.locator("#totalDisplacedFamilies").fill("900");
    await page.getByTestId("save-draft").click();
    await expect(page.getByTestId("report-saved")).toBeVisible();
    await page.getByTestId("week-next").click();
    await expect(page).not.toHaveURL(new RegExp(`${week}$`));
    expect(dialogs).toHaveLength(2);
  });
}
