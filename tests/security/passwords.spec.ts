import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, ownPassword, signIn, uniqueEmail } from "../e2e/helpers";

/*
 * OWASP ASVS 5.0 V6.2, black-box against the production server: a generated password must be
 * changed before anything else, common and personal passwords are refused, and the current-password
 * check of the change is throttled. Every test creates its own account through the admin screen.
 */

async function newAccount(admin: Page, name: string): Promise<{ email: string; password: string }> {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("sec-pw");
  return { email, password: await createUserAsAdmin(admin, { email, name, role: "viewer" }) };
}

/** Fills and submits the password form; waits for the server's answer when the browser lets it through. */
async function tryChange(page: Page, current: string, next: string, opts: { server?: boolean } = {}): Promise<void> {
  await page.locator("#currentPassword").fill(current);
  await page.locator("#newPassword").fill(next);
  await page.locator("#confirmPassword").fill(next);
  if (opts.server === false) return page.getByTestId("change-password").click();
  // One server action call per attempt, so that the throttle counts exactly these.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/account")),
    page.getByTestId("change-password").click(),
  ]);
}

test("an admin-created user signing in is sent to change their password before any other page", async ({ page: admin, browser }) => {
  const { email, password } = await newAccount(admin, "Forced Change");
  const user = await newPerson(browser);
  await signIn(user, email, password);
  await expect(user).toHaveURL(/\/en\/account\?mustChange=1$/);
  await expect(user.getByTestId("must-change-password")).toContainText("Choose your own password");
  // Nothing else of Rasd until then: no menu, and every page sends them back.
  await expect(user.getByRole("navigation", { name: "Main menu" })).toHaveCount(0);
  for (const path of ["/en", "/en/areas", "/en/areas/SY02", "/en/map", "/en/reports/gaps", "/en/reports/SY0200/2020-W04", "/ar/areas"]) {
    await user.goto(path);
    await expect(user, path).toHaveURL(/\/(en|ar)\/account\?mustChange=1$/);
  }
  // The account page shows the password form only (no preferences, no API tokens).
  await user.goto("/en/account");
  await expect(user.locator("#locale")).toHaveCount(0);
  await expect(user.getByRole("heading", { name: "Personal API tokens" })).toHaveCount(0);
  // The API refuses the session too.
  const api = await user.request.get("/api/v1/reports?week=2020-W04");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.key).toBe("errors.passwordChangeRequired");

  // After choosing their own password, they sign in again and reach everything.
  const own = ownPassword();
  await tryChange(user, password, own);
  await expect(user).toHaveURL(/\/en\/signin\?passwordChanged=1/);
  await signIn(user, email, own);
  await expect(user).not.toHaveURL(/mustChange/);
  await user.goto("/en/areas");
  await expect(user).toHaveURL(/\/en\/areas$/);
  expect((await user.request.get("/api/v1/reports?week=2020-W04")).status()).toBe(200);
});

test("passwordpassword, a password with the user's name, and a short one are refused with the rule that failed", async ({ page: admin, browser }) => {
  const { email, password } = await newAccount(admin, "Rima Saleh");
  const user = await newPerson(browser);
  await signIn(user, email, password);
  // Where the forced change sends them anyway; said here so that the test does not depend on it.
  await user.goto("/en/account");

  await tryChange(user, password, "passwordpassword");
  await expect(user.locator("#newPassword-error")).toHaveText(
    "This password is too common: it appears in lists of leaked or often-used passwords. Choose another.",
  );
  await tryChange(user, password, "Saleh-orchard-lantern");
  await expect(user.locator("#newPassword-error")).toHaveText("The password must not contain your e-mail address or your name.");
  // Too short is caught in the browser already (the same zod schema as the server's).
  await tryChange(user, password, "short-pw", { server: false });
  await expect(user.locator("#newPassword-error")).toHaveText("Must be at least 12 characters.");

  // Nothing was changed: the generated password still signs in, and must still be changed.
  const again = await newPerson(browser);
  await signIn(again, email, password);
  await expect(again).toHaveURL(/\/en\/account\?mustChange=1$/);
});

test("6 wrong current passwords get throttled, the right one then too, and the admin sees it in the audit log", async ({ page: admin, browser }) => {
  const { email, password } = await newAccount(admin, "Throttle Target");
  const user = await newPerson(browser);
  await signIn(user, email, password);
  await user.goto("/en/account");
  const next = ownPassword();
  const currentError = user.locator("#currentPassword-error");
  for (let i = 1; i <= 4; i++) {
    await tryChange(user, `wrong-current-${i}-xyz`, next);
    await expect(currentError).toHaveText("The current password is not correct.");
  }
  for (const attempt of ["wrong-current-5-xyz", "wrong-current-6-xyz", password]) {
    await tryChange(user, attempt, next);
    await expect(currentError).toHaveText("Too many wrong current passwords. Try again in 15 minutes.");
  }
  // Still the generated password: the change never happened.
  await user.goto("/en/areas");
  await expect(user).toHaveURL(/\/en\/account\?mustChange=1$/);

  await admin.goto("/en/admin/audit?action=auth.reauth_throttled");
  await expect(admin.getByTestId("audit-row").filter({ hasText: email }).first()).toBeVisible();
});
