import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { openDb } from "../../db/client";
import { users } from "../../db/schema";
import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { insertUser } from "../../lib/users";
import { ADMIN, createUserAsAdmin, newPerson, signIn, uniqueEmail } from "./helpers";

/*
 * The screens of the password work in English and Arabic and on a 360 px phone: the forced
 * change, the policy's messages, and the demo banner.
 */

const DB = path.join(__dirname, "..", ".tmp", "e2e", "rasd.db");
const SHOTS = "test-results/screenshots";
const PHONE = { width: 360, height: 740 };

/** Nothing wider than the screen: no sideways scrolling at 360 px. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function newAccount(admin: Page, name: string) {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("screens");
  return { email, password: await createUserAsAdmin(admin, { email, name, role: "viewer" }) };
}

test("the forced password change in Arabic at 360 px: right-to-left, the reason, the policy's messages in Arabic", async ({ page: admin, browser }) => {
  const { email, password } = await newAccount(admin, "Arabic Phone");
  const context = await browser.newContext({ viewport: PHONE });
  const user = await context.newPage();
  await signIn(user, email, password, "ar");
  // Sign-in lands in the account's language (English); the forced page exists in Arabic too.
  await user.goto("/ar/areas");
  await expect(user).toHaveURL(/\/ar\/account\?mustChange=1$/);
  await expect(user.locator("html")).toHaveAttribute("dir", "rtl");
  const notice = user.getByTestId("must-change-password");
  await expect(notice).toContainText("اختر كلمة مرورك الخاصة");
  await expect(notice).toContainText("أنشأ مسؤول كلمة مرورك");
  await user.locator("#currentPassword").fill(password);
  await user.locator("#newPassword").fill("passwordpassword");
  await user.locator("#confirmPassword").fill("passwordpassword");
  await user.getByTestId("change-password").click();
  await expect(user.locator("#newPassword-error")).toContainText("كلمة المرور هذه شائعة جداً");
  await user.locator("#newPassword").fill("Phone-Arabic-harbour");
  await user.locator("#confirmPassword").fill("Phone-Arabic-harbour");
  await user.getByTestId("change-password").click();
  await expect(user.locator("#newPassword-error")).toHaveText("يجب ألا تحتوي كلمة المرور على بريدك الإلكتروني أو اسمك.");
  await expectNoSidewaysScroll(user);
  await user.getByTestId("change-password").scrollIntoViewIfNeeded();
  await expect(user.getByTestId("change-password")).toBeInViewport({ ratio: 1 });
  await user.screenshot({ path: `${SHOTS}/ar-must-change-360.png`, fullPage: true });
  await context.close();
});

test("the forced password change in English at 360 px", async ({ page: admin, browser }) => {
  const { email, password } = await newAccount(admin, "English Phone");
  const context = await browser.newContext({ viewport: PHONE });
  const user = await context.newPage();
  await signIn(user, email, password);
  await expect(user).toHaveURL(/\/en\/account\?mustChange=1$/);
  await expect(user.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(user.getByTestId("must-change-password")).toContainText("Someone else knows it, so choose your own password now");
  await expectNoSidewaysScroll(user);
  await user.screenshot({ path: `${SHOTS}/en-must-change-360.png`, fullPage: true });
  await context.close();
});

test.describe("the demo banner", () => {
  const demo = DEMO_ACCOUNTS[2];
  const setDemoActive = (active: boolean) => {
    const db = openDb(DB);
    try {
      db.update(users).set({ active }).where(eq(users.email, demo.email)).run();
    } finally {
      db.$client.close();
    }
  };

  test.beforeAll(async () => {
    // The e2e server starts without demo content (RASD_DEMO=0); this spec adds one demo account, inactive until the test.
    const db = openDb(DB);
    try {
      const exists = db.select({ id: users.id }).from(users).where(eq(users.email, demo.email)).get();
      if (!exists) await insertUser(db, { label: "e2e:demo-banner" }, { email: demo.email, name: demo.name, role: demo.role, areas: [] });
    } finally {
      db.$client.close();
    }
    setDemoActive(false);
  });
  // Other specs never see the banner.
  test.afterAll(() => setDemoActive(false));

  const TEXT_EN = "Demo data: these accounts and figures are examples. For real use start with RASD_DEMO=0";
  const TEXT_AR = "بيانات تجريبية: هذه الحسابات والأرقام أمثلة. للاستخدام الفعلي ابدأ بالإعداد RASD_DEMO=0";

  test("shows on every page, the sign-in page included, in both languages, readable at 360 px, while demo accounts are active", async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto("/en/signin");
    await expect(page.getByTestId("demo-banner")).toHaveCount(0);

    setDemoActive(true);
    await page.goto("/en/signin");
    await expect(page.getByTestId("demo-banner")).toHaveText(TEXT_EN);
    await expect(page.getByTestId("demo-banner")).toBeInViewport();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/en-demo-banner-360.png` });
    await page.goto("/ar/signin");
    await expect(page.getByTestId("demo-banner")).toHaveText(TEXT_AR);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/ar-demo-banner-360.png` });

    // Signed in, on the application's pages (server-rendered: present in the HTML itself).
    await signIn(page, ADMIN.email, ADMIN.password);
    for (const p of ["/en", "/en/areas", "/en/admin/users", "/ar/account"]) {
      await page.goto(p);
      await expect(page.getByTestId("demo-banner"), p).toBeVisible();
    }
    const html = await (await page.request.get("/en/areas")).text();
    expect(html).toContain("Demo data: these accounts and figures are examples.");

    // Deactivating the demo accounts takes it away.
    setDemoActive(false);
    await page.goto("/en");
    await expect(page.getByTestId("demo-banner")).toHaveCount(0);
    await context.close();
  });
});

test("a person who chose their own password is not asked again", async ({ page, browser }) => {
  const { email, password } = await newAccount(page, "Once Only");
  const user = await newPerson(browser);
  await signIn(user, email, password);
  await expect(user).toHaveURL(/mustChange=1/);
  const own = `Harbour-${Date.now()}-lantern`;
  await user.locator("#currentPassword").fill(password);
  await user.locator("#newPassword").fill(own);
  await user.locator("#confirmPassword").fill(own);
  await user.getByTestId("change-password").click();
  await expect(user).toHaveURL(/\/en\/signin\?passwordChanged=1/);
  await signIn(user, email, own);
  await user.goto("/en/account");
  await expect(user.getByTestId("must-change-password")).toHaveCount(0);
  await expect(user.locator("#locale")).toBeVisible();
});
