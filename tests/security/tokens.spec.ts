import { expect, test, type Page } from "@playwright/test";
import { unusedWeeks } from "../e2e/helpers";
import { createAccount, signIn } from "./support";

/** Finding 3: API tokens survived an admin's reset, never expired, and no admin could see or revoke another user's tokens. */

const GET = "/api/v1/reports?week=2020-W04";
/** An area-week no other spec writes: the spec can run again on the same server. */
const putPath = () => `/api/v1/reports/SY0202/${unusedWeeks(1)[0]}`;
const FIGURES = {
  version: 0,
  status: "draft",
  newlyDisplacedFamilies: 10,
  repeatDisplacedFamilies: 0,
  totalDisplacedFamilies: 10,
  sectors: { food_security: { gapPct: 50 }, nfi: { gapPct: 50 }, shelter: { gapPct: 50 } },
};

async function createToken(page: Page, name: string, opts: { days?: number; scope?: "read" | "write" } = {}): Promise<string> {
  await page.goto("/en/account");
  await page.locator("#tokenName").fill(name);
  if (opts.days) await page.locator("#tokenDays").fill(String(opts.days));
  if (opts.scope) await page.getByTestId("token-scope").selectOption(opts.scope);
  await page.getByTestId("create-token").click();
  const token = (await page.getByTestId("new-token").textContent())?.match(/rasd_[A-Za-z0-9_-]+/)?.[0];
  expect(token).toBeTruthy();
  return token!;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function adminOpensUser(page: Page, email: string): Promise<void> {
  await page.goto("/en/admin/users?q=" + encodeURIComponent(email));
  await page.getByTestId("user-row").getByRole("link", { name: email }).click();
  await page.waitForLoadState("networkidle");
}

test("a token has an expiry and a scope chosen at creation: read-only cannot write, read-write can", async ({ page, request }) => {
  const coordinator = createAccount("coordinator", { areas: "SY02" });
  await signIn(page, coordinator);
  // A token made without choosing anything: read only.
  const reader = await createToken(page, "Power BI refresh");
  expect((await request.get(GET, { headers: bearer(reader) })).status()).toBe(200);
  const PUT = putPath();
  const refused = await request.put(PUT, { headers: bearer(reader), data: FIGURES });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.key).toBe("errors.tokenReadOnly");
  const writer = await createToken(page, "Field laptop sync", { days: 30, scope: "write" });

  const rows = page.getByTestId("token-row");
  await expect(rows.filter({ hasText: "Power BI refresh" }).getByTestId("token-scope-cell")).toHaveText("Read only");
  await expect(rows.filter({ hasText: "Field laptop sync" }).getByTestId("token-scope-cell")).toHaveText("Read and write");
  // 90 days by default, 30 when asked: the expiry column shows the dates.
  const in90 = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const day = Number(in90.slice(8, 10));
  await expect(rows.filter({ hasText: "Power BI refresh" })).toContainText(String(day));

  expect([200, 201]).toContain((await request.put(PUT, { headers: bearer(writer), data: FIGURES })).status());

  // More than a year is refused with a message on the field.
  await page.locator("#tokenName").fill("Forever");
  await page.locator("#tokenDays").fill("400");
  await page.getByTestId("create-token").click();
  await expect(page.locator("#tokenDays-error")).toContainText("365");
});

test("an admin's password reset and a deactivation revoke the user's tokens", async ({ page, browser, request }) => {
  const admin = createAccount("admin");
  const viewer = createAccount("viewer");
  const person = await (await browser.newContext()).newPage();
  await signIn(person, viewer);
  const token = await createToken(person, "Dashboard");
  expect((await request.get(GET, { headers: bearer(token) })).status()).toBe(200);

  await signIn(page, admin);
  await adminOpensUser(page, viewer.email);
  await page.getByTestId("confirm-reset-password").check();
  await page.getByTestId("reset-password").click();
  await expect(page.getByTestId("new-password")).toBeVisible();
  expect((await request.get(GET, { headers: bearer(token) })).status()).toBe(401);

  const other = createAccount("viewer");
  await signIn(person, other);
  const second = await createToken(person, "Dashboard 2");
  await adminOpensUser(page, other.email);
  await page.getByTestId("confirm-deactivate").check();
  await page.getByTestId("deactivate").click();
  await expect(page.getByTestId("reactivate")).toBeVisible();
  await page.getByTestId("reactivate").click();
  await expect(page.getByTestId("deactivate")).toBeVisible();
  expect((await request.get(GET, { headers: bearer(second) })).status(), "reactivation does not revive a token").toBe(401);
});

test("the owner's password change offers to revoke their tokens", async ({ page, request }) => {
  const viewer = createAccount("viewer");
  await signIn(page, viewer);
  const token = await createToken(page, "Old laptop");
  await page.locator("#currentPassword").fill(viewer.password);
  const fresh = `New-${Date.now().toString(36)}-quiet-river-stone`;
  await page.locator("#newPassword").fill(fresh);
  await page.locator("#confirmPassword").fill(fresh);
  await page.getByTestId("revoke-tokens").check();

  await page.getByTestId("change-password").click();
  await expect(page).toHaveURL(/\/en\/signin\?passwordChanged=1/);
  expect((await request.get(GET, { headers: bearer(token) })).status()).toBe(401);
});

test("an admin lists every account's tokens, with owner and last use, and revokes one", async ({ page, browser, request }) => {
  const admin = createAccount("admin");
  const viewer = createAccount("viewer");
  const person = await (await browser.newContext()).newPage();
  await signIn(person, viewer);
  const token = await createToken(person, `Leaky ${Date.now()}`);
  expect((await request.get(GET, { headers: bearer(token) })).status()).toBe(200);

  await signIn(page, admin);
  await adminOpensUser(page, viewer.email);
  await page.getByTestId("user-tokens-link").click();
  await expect(page).toHaveURL(/\/en\/admin\/tokens\?user=\d+/);
  const row = page.getByTestId("token-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(viewer.email);
  await expect(row).toContainText("Read only");
  await expect(row).not.toContainText("Never");
  await row.getByTestId("confirm-revoke-token").check();
  await row.getByTestId("revoke-token").click();
  await expect(row.getByTestId("token-status")).toContainText("Revoked");
  expect((await request.get(GET, { headers: bearer(token) })).status()).toBe(401);

  // Not for anyone else.
  expect((await person.goto("/en/admin/tokens"))?.status()).toBe(403);
});
