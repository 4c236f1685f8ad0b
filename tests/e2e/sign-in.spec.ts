import { expect, test } from "@playwright/test";
import { ADMIN, signIn, uniqueEmail } from "./helpers";

test("a wrong password gets the generic message, the same as an unknown e-mail", async ({ page }) => {
  await page.goto("/en/signin");
  await page.locator("#email").fill(ADMIN.email);
  await page.locator("#password").fill("not-the-password-123");
  await page.locator("form button[type=submit]").click();
  const alert = page.getByRole("alert").filter({ hasText: "e-mail or password" });
  await expect(alert).toHaveText("The e-mail or password is not correct.");

  await page.locator("#email").fill(uniqueEmail("nobody"));
  await page.locator("#password").fill("whatever-password-1");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByRole("alert").filter({ hasText: "e-mail or password" })).toHaveText("The e-mail or password is not correct.");
  await expect(page).toHaveURL(/\/en\/signin/);
});

test("the sign-in throttle engages after five failures for one account", async ({ page }) => {
  const email = uniqueEmail("victim");
  await page.goto("/en/signin");
  for (let i = 1; i <= 4; i++) {
    await page.locator("#email").fill(email);
    await page.locator("#password").fill(`wrong-password-${i}`);
    await page.locator("form button[type=submit]").click();
    await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  }
  await page.locator("#password").fill("wrong-password-5");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toHaveText(
    "Too many failed attempts. Try again in 15 minutes.",
  );
});

test("sign-in validates in the browser before posting", async ({ page }) => {
  await page.goto("/en/signin");
  await page.locator("form button[type=submit]").click();
  await expect(page.locator("#email-error")).toHaveText("This field is required.");
  await expect(page.locator("#password-error")).toHaveText("This field is required.");
});

test("signed-out visitors are sent to sign-in, then back to where they were going", async ({ page }) => {
  await page.goto("/en/areas");
  await expect(page).toHaveURL(/\/en\/signin\?next=%2Fen%2Fareas/);
  await page.locator("#email").fill(ADMIN.email);
  await page.locator("#password").fill(ADMIN.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/en\/areas$/);
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/en\/signin\?signedOut=1/);
  await page.goto("/en/admin/users");
  await expect(page).toHaveURL(/\/en\/signin/);
});

test("security headers are sent", async ({ request }) => {
  const res = await request.get("/en/signin");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["x-powered-by"]).toBeUndefined();
});

test("a direct POST to the credentials callback is refused", async ({ request }) => {
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: ADMIN.email, password: ADMIN.password, clientIp: "10.9.9.9" },
  });
  expect(res.status()).toBe(404);
});
