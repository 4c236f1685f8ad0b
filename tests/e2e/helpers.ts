import { expect, type Browser, type Page } from "@playwright/test";

export const ADMIN = { email: "e2e-admin@example.org", password: process.env.E2E_ADMIN_PASSWORD ?? "" };

let n = 0;
/** A unique e-mail per test so that tests never depend on each other's accounts. */
export function uniqueEmail(prefix: string): string {
  n += 1;
  return `${prefix}-${Date.now().toString(36)}-${n}@example.org`;
}

export async function signIn(page: Page, email: string, password: string, locale = "en"): Promise<void> {
  await page.goto(`/${locale}/signin`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** A separate browser context is a separate person: own cookies, own session. */
export async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}
