import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail } from "./helpers";

/**
 * Decision 044: the language after signing in. Decision 045: times in the reader's time zone,
 * Syria's by default. Both are set on My account, in English and in Arabic, at phone width.
 */

const PHONE = { width: 360, height: 780 };

/** Signs in on the sign-in page as it is (no helper: the landing page is what is tested). */
async function submitSignIn(page: Page, email: string, password: string) {
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

async function signOutByCookies(page: Page) {
  await page.context().clearCookies();
}

async function newAccount(page: Page, browser: Parameters<typeof newPerson>[0], name: string) {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = uniqueEmail(name.toLowerCase().replace(/\s+/g, "-"));
  const generated = await createUserAsAdmin(page, { email, name, role: "viewer" });
  const person = await newPerson(browser);
  const password = await signInFirstTime(person, email, generated);
  return { person, email, password };
}

test("signing in from the Arabic page lands in Arabic while the account never chose a language; the choice then shows on My account", async ({ page: admin, browser }) => {
  const { person, email, password } = await newAccount(admin, browser, "Lang Auto");
  await signOutByCookies(person);
  await person.goto("/ar/signin");
  await submitSignIn(person, email, password);
  await expect(person).toHaveURL(/\/ar$/);
  await expect(person.locator("html")).toHaveAttribute("lang", "ar");
  await person.goto("/ar/account");
  await expect(person.locator("#locale")).toHaveValue("auto");
  await expect(person.locator("#locale option:checked")).toHaveText("لغة صفحة تسجيل الدخول");

  // And the other way: from the English page, English.
  await signOutByCookies(person);
  await person.goto("/en/signin");
  await submitSignIn(person, email, password);
  await expect(person).toHaveURL(/\/en$/);
});

test("switching language on the sign-in page is a choice: it wins, is saved, and wins again next time from either page", async ({ page: admin, browser }) => {
  const { person, email, password } = await newAccount(admin, browser, "Lang Switch");
  await signOutByCookies(person);

  // English → Arabic on the sign-in page.
  await person.goto("/en/signin");
  await person.locator('a[hreflang="ar"]').click();
  await expect(person).toHaveURL(/\/ar\/signin\?switched=1/);
  await submitSignIn(person, email, password);
  await expect(person).toHaveURL(/\/ar$/);
  await person.goto("/ar/account");
  await expect(person.locator("#locale")).toHaveValue("ar");

  // A later sign-in from the English page, without switching, keeps the saved Arabic.
  await signOutByCookies(person);
  await person.goto("/en/signin");
  await submitSignIn(person, email, password);
  await expect(person).toHaveURL(/\/ar$/);

  // Arabic → English on the sign-in page changes the choice back.
  await signOutByCookies(person);
  await person.goto("/ar/signin");
  await person.locator('a[hreflang="en"]').click();
  await expect(person).toHaveURL(/\/en\/signin\?switched=1/);
  await submitSignIn(person, email, password);
  await expect(person).toHaveURL(/\/en$/);
  await person.goto("/en/account");
  await expect(person.locator("#locale")).toHaveValue("en");

  // The admin's audit log names the change in words, with the account's name and e-mail.
  await admin.goto(`/en/admin/audit?action=user.preferences&actor=${encodeURIComponent(email)}`);
  const row = admin.getByTestId("audit-row").first();
  await expect(row).toContainText("Preferences changed");
  await expect(row).toContainText("Language:");
  await expect(row).toContainText("Arabic");
  await expect(row.getByTestId("audit-entity-account")).toContainText(email);
  await expect(row).not.toContainText("locale:");
});

for (const locale of ["en", "ar"] as const) {
  test(`${locale}, 360 px: times show in Syria's time by default and in the chosen zone after a change`, async ({ page: admin, browser }) => {
    const { person, email } = await newAccount(admin, browser, `Zone ${locale}`);
    await person.setViewportSize(PHONE);
    const gmt = locale === "ar" ? "غرينتش" : "GMT";
    const session = person.getByTestId("session-row").first();

    await person.goto(`/${locale}/account`);
    await expect(person.locator("#timeZone")).toHaveValue("Asia/Damascus");
    await expect(session).toContainText(`${gmt}+3`);
    // The hour shown is three hours after UTC's (Syria is UTC+3 all year).
    const hour = (new Date().getUTCHours() + 3) % 24;
    const hh = String(hour).padStart(2, "0");
    const nextHh = String((hour + 1) % 24).padStart(2, "0");
    await expect(session).toContainText(new RegExp(`(${hh}|${nextHh}):\\d\\d`));

    await person.waitForLoadState("networkidle");
    await person.locator("#timeZone").selectOption("Asia/Tokyo");
    await person.getByTestId("save-preferences").click();
    await expect(person.getByTestId("preferences-saved")).toBeVisible();
    await expect(person.locator("#timeZone")).toHaveValue("Asia/Tokyo");
    await expect(session).toContainText(`${gmt}+9`);
    await expect(session).not.toContainText(`${gmt}+3`);
    const width = await person.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    // The audit log reads the change in the admin's language, field and account by name.
    await admin.goto(`/${locale}/admin/audit?action=user.preferences&actor=${encodeURIComponent(email)}`);
    const row = admin.getByTestId("audit-row").first();
    await expect(row).toContainText(locale === "ar" ? "المنطقة الزمنية" : "Time zone");
    await expect(row).toContainText("Asia/Tokyo");
    await expect(row.getByTestId("audit-entity-account")).toContainText(email);
  });
}
