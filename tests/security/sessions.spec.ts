import { expect, test, type Page } from "@playwright/test";
import { cookieHeader, createAccount, getWithCookie, signIn, startOwnServer } from "./support";

/** Finding 2: sign-out did not end the session; there was no absolute lifetime; reactivation revived old cookies. */

const API = "/api/v1/reports?week=2020-W04";

async function adminOpensUser(page: Page, email: string): Promise<void> {
  await page.goto("/en/admin/users?q=" + encodeURIComponent(email));
  await page.getByTestId("user-row").getByRole("link", { name: email }).click();
  // The edit form takes over its fields when it hydrates: choose a role only after that.
  await page.waitForLoadState("networkidle");
}

test("a cookie copied before sign-out is worth nothing afterwards: pages, the API and /api/auth/session", async ({ page, request }) => {
  const viewer = createAccount("viewer");
  await signIn(page, viewer);
  const copied = await cookieHeader(page.context());
  expect((await getWithCookie(request, API, copied)).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/en\/signin\?signedOut=1/);

  expect((await getWithCookie(request, API, copied)).status()).toBe(401);
  const account = await getWithCookie(request, "/en/account", copied);
  expect(account.status()).toBe(307);
  expect(account.headers()["location"]).toContain("/en/signin");
  // The session endpoint no longer renews it either.
  const session = await getWithCookie(request, "/api/auth/session", copied);
  expect(await session.json()).toBeNull();
});

test("signing in again in the same browser ends the session it had (no two sessions for one cookie jar)", async ({ page, request }) => {
  const a = createAccount("viewer");
  const b = createAccount("viewer");
  await signIn(page, a);
  const first = await cookieHeader(page.context());
  // The shared computer: the next person signs in without signing the first one out.
  await signIn(page, b);
  expect((await getWithCookie(request, API, first)).status()).toBe(401);
  expect((await getWithCookie(request, API, await cookieHeader(page.context()))).status()).toBe(200);
});

test("My account lists one's sessions with device and address; 'sign out everywhere' ends the other device too", async ({ browser }) => {
  const coordinator = createAccount("coordinator", { areas: "SY02" });
  const phone = await (await browser.newContext({ userAgent: "RasdTestPhone/1.0 (Android)" })).newPage();
  const laptop = await (await browser.newContext({ userAgent: "RasdTestLaptop/2.0 (X11)" })).newPage();
  await signIn(phone, coordinator);
  await signIn(laptop, coordinator);

  await laptop.goto("/en/account");
  const rows = laptop.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(laptop.getByTestId("sessions-list")).toContainText("RasdTestPhone/1.0");
  await expect(rows.filter({ hasText: "RasdTestLaptop/2.0" })).toContainText("This device");
  await expect(rows.filter({ hasText: "RasdTestPhone/1.0" })).toContainText("127.0.0.1");

  // The laptop ends the phone's session alone first…
  await rows.filter({ hasText: "RasdTestPhone/1.0" }).getByTestId("confirm-end-session").check();
  await rows.filter({ hasText: "RasdTestPhone/1.0" }).getByTestId("end-session").click();
  await expect(laptop.getByTestId("session-row")).toHaveCount(1);
  await phone.goto("/en/account");
  await expect(phone).toHaveURL(/\/en\/signin/);

  // …then signs in on the phone again and signs out everywhere from the laptop.
  await signIn(phone, coordinator);
  await laptop.goto("/en/account");
  await laptop.getByTestId("confirm-sign-out-everywhere").check();
  await laptop.getByTestId("sign-out-everywhere").click();
  await expect(laptop).toHaveURL(/\/en\/signin\?signedOut=1/);
  await phone.goto("/en/account");
  await expect(phone).toHaveURL(/\/en\/signin/);
});

test("an admin's reset, role change and deactivation end the sessions; reactivation does not revive them", async ({ page, browser, request }) => {
  const admin = createAccount("admin");
  const target = createAccount("coordinator", { areas: "SY02" });
  await signIn(page, admin);
  const person = await (await browser.newContext()).newPage();

  // Role change.
  await signIn(person, target);
  let copied = await cookieHeader(person.context());
  await adminOpensUser(page, target.email);
  await page.locator('select[name="role"]').selectOption("viewer");
  await page.getByTestId("save-user").click();
  await expect(page.getByRole("status")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("user-role")).toHaveText("Viewer");
  expect((await getWithCookie(request, API, copied)).status()).toBe(401);

  // Admin ends sessions from the account page (a lost phone).
  await signIn(person, target);
  copied = await cookieHeader(person.context());
  await page.reload();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await page.getByTestId("confirm-end-user-sessions").check();
  await page.getByTestId("end-user-sessions").click();
  await expect(page.getByText("All sessions of this account ended.")).toBeVisible();
  expect((await getWithCookie(request, API, copied)).status()).toBe(401);

  // Deactivation, then reactivation: the old cookie stays dead.
  await signIn(person, target);
  copied = await cookieHeader(person.context());
  await page.reload();
  await page.getByTestId("confirm-deactivate").check();
  await page.getByTestId("deactivate").click();
  await expect(page.getByTestId("reactivate")).toBeVisible();
  await page.getByTestId("reactivate").click();
  await expect(page.getByTestId("deactivate")).toBeVisible();
  expect((await getWithCookie(request, API, copied)).status()).toBe(401);
  expect((await getWithCookie(request, "/api/auth/session", copied)).status()).toBe(200);
  expect(await (await getWithCookie(request, "/api/auth/session", copied)).json()).toBeNull();
});

test("sessions have an idle timeout and an absolute lifetime, however often /api/auth/session renews the cookie", async ({ browser }) => {
  // 6 s idle on one server, 6 s absolute on another: the limits are settings, the rule is the same.
  const idle = await startOwnServer({ RASD_SESSION_IDLE_MINUTES: "0.1" });
  const absolute = await startOwnServer({ RASD_SESSION_MAX_HOURS: String(6 / 3600) });
  try {
    const a = createAccount("viewer", { dbPath: idle.dbPath });
    const page = await (await browser.newContext({ baseURL: idle.baseURL })).newPage();
    await signIn(page, a);
    await page.goto("/en/account");
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    // The person does nothing for longer than the idle limit: there is nothing to wait for but the clock.
    await page.waitForTimeout(7000);
    await page.goto("/en/account");
    await expect(page).toHaveURL(/\/en\/signin/);

    const b = createAccount("viewer", { dbPath: absolute.dbPath });
    const other = await (await browser.newContext({ baseURL: absolute.baseURL })).newPage();
    await signIn(other, b);
    const started = Date.now();
    // Busy all the time (never idle, and the session endpoint re-issues the cookie each time), until the session ends.
    await expect
      .poll(async () => (await other.request.get("/api/auth/session")).json(), { timeout: 15_000, intervals: [500] })
      .toBeNull();
    expect(Date.now() - started, "it lived until its absolute lifetime, not less").toBeGreaterThan(4500);
    await other.goto("/en/account");
    await expect(other).toHaveURL(/\/en\/signin/);
  } finally {
    await idle.stop();
    await absolute.stop();
  }
});
