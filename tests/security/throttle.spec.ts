import { expect, test, type Browser } from "@playwright/test";
import { createAccount, startOwnServer, uniqueEmail, type OwnServer } from "./support";

/**
 * Finding 4: the per-address limit was chosen by the client (X-Forwarded-For), and five failures
 * from anywhere locked any known account out, the right password included. Each test runs its own
 * server so that its failures never throttle the shared test server's address.
 */

async function attempt(browser: Browser, server: OwnServer, email: string, password: string, forwardedFor?: string): Promise<string> {
  const context = await browser.newContext({
    baseURL: server.baseURL,
    extraHTTPHeaders: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
  });
  const page = await context.newPage();
  await page.goto("/en/signin");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  const outcome = page.getByTestId("signed-in-as").or(page.getByRole("alert").filter({ hasText: /./ }));
  await expect(outcome.first()).toBeVisible({ timeout: 45_000 });
  const text = (await page.getByTestId("signed-in-as").count()) ? "signed in" : ((await page.getByRole("alert").filter({ hasText: /./ }).first().textContent()) ?? "");
  await context.close();
  return text;
}

test("X-Forwarded-For does not choose the address: 25 failures, each claiming another address, are throttled from the 21st", async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startOwnServer({});
  try {
    const answers: string[] = [];
    for (let i = 0; i < 25; i++) answers.push(await attempt(browser, server, uniqueEmail("spray"), "Winter2020!", `198.51.100.${i + 1}`));
    expect(answers.slice(0, 19).every((a) => a.includes("The e-mail or password is not correct")), answers.join(" | ")).toBe(true);
    expect(answers.slice(20).every((a) => a.includes("Too many failed attempts")), answers.join(" | ")).toBe(true);
  } finally {
    await server.stop();
  }
});

test("failures from one address cannot lock a person out: their right password from elsewhere still signs in", async ({ browser }) => {
  test.setTimeout(180_000);
  // Behind one trusted proxy, the address is the entry the proxy added: the test plays that proxy.
  const server = await startOwnServer({ RASD_TRUSTED_PROXIES: "1" });
  try {
    const victim = createAccount("admin", { dbPath: server.dbPath });
    for (let i = 0; i < 5; i++) await attempt(browser, server, victim.email, `guess-${i}-Winter2020!`, "198.51.100.7");
    // The attacker's own address is blocked now, even with the right password…
    expect(await attempt(browser, server, victim.email, victim.password, "198.51.100.7")).toContain("Too many failed attempts");
    // …but the person, from their own address, gets in (after a short wait).
    const started = Date.now();
    expect(await attempt(browser, server, victim.email, victim.password, "203.0.113.9")).toBe("signed in");
    expect(Date.now() - started, "the account is slowed down, not locked").toBeGreaterThan(900);
  } finally {
    await server.stop();
  }
});
