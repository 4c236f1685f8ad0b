import { expect, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { openDb } from "../../db/client";
import { addWeeks } from "../../lib/weeks";

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

/** The admin (signed in on `page`) creates an account through the screen; returns the one-time password shown. */
export async function createUserAsAdmin(page: Page, user: { email: string; name: string; role: string; areas?: string[] }): Promise<string> {
  await page.goto("/en/admin/users/new");
  await page.locator('[name="email"]').fill(user.email);
  await page.locator('[name="name"]').fill(user.name);
  await page.locator('select[name="role"]').selectOption(user.role);
  for (const code of user.areas ?? []) await page.locator(`input[name="areas"][value="${code}"]`).check();
  await page.getByTestId("create-user").click();
  const password = (await page.getByTestId("new-password").textContent())?.trim() ?? "";
  expect(password.length).toBeGreaterThanOrEqual(20);
  return password;
}

/** A password that passes the policy (not on the list, nothing of a test account's e-mail or name). */
export function ownPassword(): string {
  return `Chosen-${randomBytes(9).toString("hex")}!`;
}

/**
 * First sign-in of an account the admin created (its password was generated, so it must be
 * changed first): sign in, choose an own password on the account page, sign in again with it.
 * Returns the new password.
 */
export async function signInFirstTime(page: Page, email: string, generated: string, locale = "en"): Promise<string> {
  await signIn(page, email, generated, locale);
  await expect(page).toHaveURL(new RegExp(`/${locale}/account\\?mustChange=1`));
  const chosen = ownPassword();
  await page.locator("#currentPassword").fill(generated);
  await page.locator("#newPassword").fill(chosen);
  await page.locator("#confirmPassword").fill(chosen);
  await page.getByTestId("change-password").click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/signin\\?passwordChanged=1`));
  await signIn(page, email, chosen, locale);
  return chosen;
}

/** A separate browser context is a separate person: own cookies, own session. */
export async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** The database of the browser tests' server (tests/e2e/serve.sh); specs may read and seed it beside the server (WAL). */
export const E2E_DB = path.join(__dirname, "..", ".tmp", "e2e", "rasd.db");

const handedOut = new Set<string>();

/**
 * `count` consecutive ISO weeks in which no area has a report yet, for a test to write into.
 * Each test prepares its own data this way, so a spec passes alone, in any order, and repeated
 * against the same server (--repeat-each). The weeks start in 2001, far from the summary
 * fixture's (2020-W01…W04, tests/summary-fixture.ts), which only tests/e2e/summaries.spec.ts writes.
 * The week before is free too, and kept free: an entry form compares a week with the one before it
 * (warnings, "copy last week"), so a neighbour's figures would change the page. So are the weeks a
 * total displaced is carried into after the last one (CARRIED, the default of RASD_CARRY_FORWARD_WEEKS):
 * a test's totals never show up carried forward in another test's weeks.
 * Weeks handed out in this process (margins included) are never handed out again, even before they are written.
 */
export function unusedWeeks(count: number): string[] {
  const CARRIED = 4;
  const db = openDb(E2E_DB);
  try {
    const written = db.$client.prepare("SELECT DISTINCT week FROM weekly_reports").pluck().all() as string[];
    // A written week, and the weeks its totals are carried into.
    const used = new Set(written.flatMap((w) => Array.from({ length: CARRIED + 1 }, (_, i) => addWeeks(w, i))));
    const free = (w: string) => !used.has(w) && !handedOut.has(w);
    let start = "2001-W01";
    for (let tries = 0; tries < 5000; tries++, start = addWeeks(start, 1)) {
      const span = Array.from({ length: count + 1 + CARRIED }, (_, i) => addWeeks(start, i));
      if (span.every(free)) {
        span.forEach((w) => handedOut.add(w));
        return span.slice(1, 1 + count);
      }
    }
    throw new Error("no unused weeks left in the browser test database");
  } finally {
    db.$client.close();
  }
}

/** One unused week (see unusedWeeks). */
export function unusedWeek(): string {
  return unusedWeeks(1)[0]!;
}
