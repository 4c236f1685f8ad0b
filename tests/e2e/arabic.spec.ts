import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const SHOTS = "test-results/screenshots";

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test("the main pages in Arabic read right-to-left with Arabic labels and area names", async ({ page }) => {
  await page.goto("/ar/signin");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { name: "تسجيل الدخول إلى رصد" })).toBeVisible();
  await shoot(page, "ar-signin");

  await signIn(page, ADMIN.email, ADMIN.password, "ar");
  // The admin's saved language is English, so sign-in lands on /en; switch with the switcher.
  await page.goto("/ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("navigation", { name: "القائمة الرئيسية" })).toBeVisible();
  // A link to Aleppo (the dashboard's map names its shapes in SVG <title>s, which are text but not shown).
  await expect(page.getByRole("link", { name: /حلب/ }).first()).toBeVisible();
  await expect(page.getByTestId("current-week")).toContainText("الأسبوع");
  await shoot(page, "ar-home");

  await page.goto("/ar/areas/SY0200");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("جبل سمعان");
  await expect(page.getByTestId("breadcrumb")).toContainText("حلب");
  await shoot(page, "ar-area-jebel-saman");

  await page.goto("/ar/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("المستخدمون");
  await shoot(page, "ar-users");

  await page.goto("/ar/admin/users/new");
  await shoot(page, "ar-user-new");
  await page.goto("/ar/admin/areas/import");
  await shoot(page, "ar-import");
  await page.goto("/ar/admin/audit");
  await shoot(page, "ar-audit");
  await page.goto("/ar/account");
  await shoot(page, "ar-account");
});

test("forms validate in Arabic", async ({ page }) => {
  await page.goto("/ar/signin");
  await page.locator("form button[type=submit]").click();
  await expect(page.locator("#email-error")).toHaveText("هذا الحقل مطلوب.");

  await page.locator("#email").fill(ADMIN.email);
  await page.locator("#password").fill("wrong-password-xyz");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByRole("alert").filter({ hasText: "غير صحيحة" })).toHaveText("البريد الإلكتروني أو كلمة المرور غير صحيحة.");

  await signIn(page, ADMIN.email, ADMIN.password, "ar");
  await page.goto("/ar/admin/users/new");
  await page.locator('[name="email"]').fill("not-an-email");
  await page.locator('[name="name"]').fill("اختبار");
  await page.locator('select[name="role"]').selectOption("coordinator");
  await page.getByTestId("create-user").click();
  await expect(page.getByText("أدخل عنوان بريد إلكتروني صالحاً.")).toBeVisible();
  await page.locator('[name="email"]').fill("arabic-form@example.org");
  await page.getByTestId("create-user").click();
  await expect(page.getByText("يحتاج المنسق إلى منطقة واحدة على الأقل.")).toBeVisible();
  await shoot(page, "ar-user-new-errors");
});

test("the language switcher keeps the page and its filters", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/en/admin/users?role=admin&q=e2e");
  await page.getByRole("link", { name: "العربية" }).click();
  await expect(page).toHaveURL(/\/ar\/admin\/users\?(.*&)?role=admin/);
  await expect(page).toHaveURL(/q=e2e/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
});

test("the main pages in English, for comparison", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await shoot(page, "en-home");
  await page.goto("/en/areas/SY0200");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jebel Saman");
  await shoot(page, "en-area-jebel-saman");
  await page.goto("/en/admin/users/new");
  await shoot(page, "en-user-new");
  await page.goto("/en/admin/audit");
  await shoot(page, "en-audit");
});

test("pages render with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/en/signin");
  await page.locator("#email").fill(ADMIN.email);
  await page.locator("#password").fill(ADMIN.password);
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.goto("/en/areas/SY02");
  await expect(page.getByTestId("children")).toContainText("Jebel Saman");
  await page.goto("/en/admin/users?role=admin");
  await expect(page.getByTestId("user-row").first()).toBeVisible();
  await context.close();
});
