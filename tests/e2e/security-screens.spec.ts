import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, signIn, signInFirstTime, uniqueEmail } from "./helpers";

/**
 * The screens the security work added — one's sessions and tokens on My account, an account's
 * sessions on its admin page, everyone's tokens, "sign everyone out" — in Arabic at phone width:
 * readable, in Arabic, and never wider than the screen (tables scroll inside their own box).
 */

const PHONE = { width: 360, height: 780 };

async function fitsTheScreen(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, page.url()).toBeLessThanOrEqual(PHONE.width);
}

test("ar, 360 px: sessions and tokens on My account, an account's sessions and everyone's tokens for the admin", async ({ page: admin, browser }) => {
  await admin.setViewportSize(PHONE);
  await signIn(admin, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("screens");
  const generated = await createUserAsAdmin(admin, { email, name: "Screens Viewer", role: "viewer" });
  const person = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signInFirstTime(person, email, generated);

  await person.goto("/ar/account");
  await expect(person.getByRole("heading", { name: "الأجهزة التي سجّلت الدخول منها" })).toBeVisible();
  await expect(person.getByTestId("session-row").filter({ hasText: "هذا الجهاز" })).toHaveCount(1);
  await person.locator("#tokenName").fill("لوحة المتابعة");
  await person.getByTestId("create-token").click();
  await expect(person.getByTestId("new-token")).toBeVisible();
  await expect(person.getByTestId("token-row").first().getByTestId("token-scope-cell")).toHaveText("قراءة فقط");
  await fitsTheScreen(person);

  await admin.goto("/ar/admin/users?q=" + encodeURIComponent(email));
  await admin.getByTestId("user-row").getByRole("link", { name: email }).click();
  await expect(admin.getByRole("heading", { name: "الجلسات النشطة" })).toBeVisible();
  await expect(admin.getByTestId("session-row")).toHaveCount(1);
  await fitsTheScreen(admin);

  await admin.getByTestId("user-tokens-link").click();
  await expect(admin.getByRole("heading", { name: "رموز الوصول البرمجي لكل الحسابات" })).toBeVisible();
  await expect(admin.getByTestId("token-row")).toContainText("لوحة المتابعة");
  await fitsTheScreen(admin);

  await admin.goto("/ar/admin/users");
  await expect(admin.getByRole("heading", { name: "تسجيل خروج الجميع" })).toBeVisible();
  await fitsTheScreen(admin);
});
