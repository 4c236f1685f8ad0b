import fs from "node:fs";
import { expect, test, type Browser, type Page, type Route } from "@playwright/test";
import { ADMIN, createUserAsAdmin, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * Offline entry (issue 13), in Chromium with the service worker active: figures typed without a
 * connection are kept on the device ("saved on this device, not sent yet"), survive a reload
 * offline, and are sent through the API when the connection returns; a conflict is shown field
 * by field and "keep mine" is recorded in the history; a second person on the same browser
 * neither sees nor sends the first one's figures. English and Arabic, at phone width.
 */

const PHONE = { width: 360, height: 780 };

async function coordinatorPage(browser: Browser, admin: Page, name: string, areas: string[]): Promise<{ page: Page; email: string; password: string }> {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, "-"));
  const generated = await createUserAsAdmin(admin, { email, name, role: "coordinator", areas });
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  const password = await signInFirstTime(page, email, generated);
  return { page, email, password };
}

/** The service worker is installed and controls this page (so that what follows goes through it). */
async function serviceWorkerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The page cache holds this address (My week keeps its entry pages there). */
async function cached(page: Page, path: string) {
  await expect
    .poll(() => page.evaluate(async (p) => !!(await (await caches.open("rasd-pages")).match(p, { ignoreVary: true })), path), { timeout: 30_000 })
    .toBe(true);
}

async function enterFieldReport(page: Page) {
  await page.locator("#newlyDisplacedFamilies").fill("6077");
  await page.locator("#repeatDisplacedFamilies").fill("6077");
  await page.locator("#totalDisplacedFamilies").fill("11000");
  await page.locator('[id="sectors.food_security.gapPct"]').fill("91");
  await page.locator('[id="sectors.nfi.gapPct"]').fill("83");
  await page.locator('[id="sectors.shelter.gapPct"]').fill("93");
  await page.locator('[id="sectors.shelter.familiesInNeed"]').fill("6077");
}

for (const locale of ["en", "ar"] as const) {
  test(`${locale}: My week and the entry page open offline; figures saved on the device survive a reload and are sent when the connection returns`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const { page } = await coordinatorPage(browser, admin, `Offline ${locale}`, ["SY02"]);
    const [week] = unusedWeeks(1);
    const entry = `/${locale}/reports/SY0200/${week}`;

    // Online, once: My week. The second load goes through the service worker, which keeps it.
    await page.goto(`/${locale}?week=${week}`);
    await serviceWorkerInControl(page);
    await page.reload();
    await expect(page.getByTestId("my-week")).toBeVisible();
    await cached(page, `/${locale}?week=${week}`);
    await cached(page, entry);

    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByTestId("my-week")).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    // The entry page was never visited, yet opens: My week kept it.
    await page.getByTestId("open-name-SY0200").click();
    await expect(page).toHaveURL(new RegExp(`${entry}$`));
    await expect(page.getByTestId("report-form")).toBeVisible();
    await page.waitForLoadState("networkidle").catch(() => {});

    // Warnings are computed on the device and must be confirmed before anything is queued, as online.
    await enterFieldReport(page);
    await page.locator("#totalDisplacedFamilies").fill("100");
    await page.getByTestId("submit-report").click();
    await expect(page.locator('[id="acknowledgeWarnings-error"]')).toBeVisible();
    await expect(page.getByTestId("offline-saved")).toHaveCount(0);
    await expect(page.getByTestId("outbox-item")).toHaveCount(0);
    await page.locator("#totalDisplacedFamilies").fill("11000");
    await page.getByTestId("submit-report").click();
    const saved = page.getByTestId("offline-saved");
    await expect(saved).toBeVisible();
    await expect(saved).toContainText(locale === "en" ? "Saved on this device, not sent yet" : "حُفظت على هذا الجهاز ولم تُرسل بعد");
    await expect(page.getByTestId("report-saved")).toHaveCount(0);
    await expect(page.locator('[data-testid="outbox-item"]')).toHaveAttribute("data-status", "waiting");

    // Still offline, the page reloads with the device's figures in the form.
    await page.reload();
    await expect(page.getByTestId("offline-device-copy")).toBeVisible();
    await expect(page.locator("#newlyDisplacedFamilies")).toHaveValue("6077");
    await expect(page.locator('[id="sectors.shelter.gapPct"]')).toHaveValue("93");

    // The connection returns: the outbox sends the figures through the API.
    await page.context().setOffline(false);
    await expect(page.locator('[data-testid="outbox-item"]')).toHaveAttribute("data-status", "sent", { timeout: 20_000 });
    const res = await page.request.get(`/api/v1/reports/SY0200/${week}`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      newlyDisplacedFamilies: 6077,
      repeatDisplacedFamilies: 6077,
      totalDisplacedFamilies: 11000,
      status: "submitted",
      version: 1,
      sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
    });
  });

  test(`${locale}: a report changed meanwhile needs attention, shows both versions, and "keep mine" saves over the new one, recorded in the history`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const { page } = await coordinatorPage(browser, admin, `Conflict ${locale}`, ["SY02"]);
    const [week] = unusedWeeks(1);
    const entry = `/${locale}/reports/SY0200/${week}`;
    await page.goto(entry);
    await serviceWorkerInControl(page);
    await page.reload();
    await cached(page, entry);

    await page.context().setOffline(true);
    await page.reload();
    await enterFieldReport(page);
    await page.locator("#newlyDisplacedFamilies").fill("500");
    await page.locator("#repeatDisplacedFamilies").fill("100");
    await page.getByTestId("save-draft").click();
    await expect(page.getByTestId("offline-saved")).toBeVisible();

    // Meanwhile someone else (the admin, through the API) creates the same report.
    const meanwhile = await admin.request.put(`/api/v1/reports/SY0200/${week}`, {
      data: { newlyDisplacedFamilies: 450, repeatDisplacedFamilies: 100, totalDisplacedFamilies: 11000, sectors: { food_security: { gapPct: 91 } }, status: "draft", version: 0 },
    });
    expect(meanwhile.status()).toBe(201);

    await page.context().setOffline(false);
    const item = page.locator('[data-testid="outbox-item"]');
    await expect(item).toHaveAttribute("data-status", "attention", { timeout: 20_000 });
    const compare = page.getByTestId("outbox-compare");
    await expect(compare).toBeVisible();
    const newly = compare.locator('tr[data-field="newlyDisplacedFamilies"]');
    await expect(newly.getByTestId("compare-device")).toHaveText("500");
    await expect(newly.getByTestId("compare-server")).toHaveText("450");
    await expect(compare.locator('tr[data-field="sectors.shelter.gapPct"]')).toBeVisible();

    await page.getByTestId("outbox-keep-mine").click();
    await expect(item).toHaveAttribute("data-status", "sent", { timeout: 20_000 });
    const res = await page.request.get(`/api/v1/reports/SY0200/${week}`);
    expect(await res.json()).toMatchObject({ newlyDisplacedFamilies: 500, version: 2, sectors: { shelter: { gapPct: 93 } } });

    await page.goto(entry);
    await expect(page.getByTestId("revision")).toHaveCount(2);
    await expect(page.locator('[data-testid="revision"][data-version="2"]')).toHaveAttribute("data-kept-mine", "true");
    await expect(page.getByTestId("revision-kept-mine")).toContainText(locale === "en" ? "Saved over version 1 on purpose" : "حُفظت فوق النسخة");
    await expect(page.locator('[data-testid="revision"][data-version="1"]')).not.toHaveAttribute("data-kept-mine", "true");
  });
}

test("the browser says it is online but the server cannot be reached: the save goes to the device, and is sent once it can be", async ({ page: admin, browser }) => {
  test.setTimeout(120_000);
  await signIn(admin, ADMIN.email, ADMIN.password);
  const { page } = await coordinatorPage(browser, admin, "Lie-fi", ["SY02"]);
  const [week] = unusedWeeks(1);
  const entry = `/en/reports/SY0200/${week}`;
  await page.goto(entry);
  await serviceWorkerInControl(page);
  // Nothing reaches the server (routed on the context: the page's requests go through the service worker).
  await page.context().route("**/api/**", (route) => route.abort("internetdisconnected"));
  await enterFieldReport(page);
  await page.getByTestId("save-draft").click();
  await expect(page.getByTestId("offline-saved")).toBeVisible();
  await expect(page.locator('[data-testid="outbox-item"]')).toHaveAttribute("data-status", "waiting");
  // No run of the sync under way (it tried when the save was queued, and will again on its timer).
  const sendNow = page.getByTestId("outbox-send-now");
  await expect(sendNow).toBeEnabled();
  await page.context().unroute("**/api/**");
  // A run that starts in between (its timer) may send the item first: "Send now" then has nothing
  // left to send and is disabled, and the press does nothing. Either way the item must be sent.
  await sendNow.click({ force: true });
  await expect(page.locator('[data-testid="outbox-item"]')).toHaveAttribute("data-status", "sent", { timeout: 20_000 });
  expect(await (await page.request.get(`/api/v1/reports/SY0200/${week}`)).json()).toMatchObject({ newlyDisplacedFamilies: 6077, status: "draft", version: 1 });
});

for (const answer of ["never reaches the server", "reaches the server but its answer is lost"] as const)
  test(`a save whose connection drops (it ${answer}) is kept on the device, and sent once, not twice`, async ({ page: admin, browser }) => {
    test.setTimeout(90_000);
    await signIn(admin, ADMIN.email, ADMIN.password);
    const { page } = await coordinatorPage(browser, admin, "Dropped save", ["SY02"]);
    const [week] = unusedWeeks(1);
    const entry = `/en/reports/SY0200/${week}`;
    await page.goto(entry);
    await serviceWorkerInControl(page);
    // The save (the page's server action, a POST to its own address) fails as a dropped connection would; the rest of the network works.
    // Routed for the whole test: the figures must get through another way.
    const dropSave = async (route: Route) => {
      if (route.request().method() !== "POST") return route.fallback();
      if (answer === "reaches the server but its answer is lost") await route.fetch();
      await route.abort("connectionreset");
    };
    await page.context().route((url) => url.pathname === entry, dropSave);
    await enterFieldReport(page);
    await page.getByTestId("save-draft").click();
    // Not an error page: the figures are on the device, and the form still shows them.
    await expect(page.getByTestId("offline-saved")).toBeVisible();
    await expect(page.locator("#newlyDisplacedFamilies")).toHaveValue("6077");
    // The outbox sends them at once through the API, which the dropped connection did not touch.
    await expect(page.locator('[data-testid="outbox-item"]')).toHaveAttribute("data-status", "sent", { timeout: 20_000 });
    // Once: a save the server had already taken is recognised (same figures), not saved again.
    expect(await (await page.request.get(`/api/v1/reports/SY0200/${week}`)).json()).toMatchObject({ newlyDisplacedFamilies: 6077, totalDisplacedFamilies: 11000, status: "draft", version: 1 });
  });

test("one stuck item is discarded on its own after a confirmation; the unsent figures download as a CSV the import reads", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const { page } = await coordinatorPage(browser, admin, "Discard", ["SY02"]);
  const [w1, w2] = unusedWeeks(2);
  await page.goto(`/en/reports/SY0200/${w1}`);
  await serviceWorkerInControl(page);
  await page.context().route("**/api/**", (route) => route.abort("internetdisconnected"));
  for (const week of [w1, w2]) {
    await page.goto(`/en/reports/SY0200/${week}`);
    await page.waitForLoadState("networkidle").catch(() => {});
    await enterFieldReport(page);
    await page.getByTestId("save-draft").click();
    await expect(page.getByTestId("offline-saved")).toBeVisible();
  }
  await page.goto(`/en?week=${w1}`);
  const items = page.getByTestId("outbox-item");
  await expect(items).toHaveCount(2);

  const download = page.waitForEvent("download");
  await page.getByTestId("outbox-export").click();
  const csv = fs.readFileSync(await (await download).path(), "utf8");
  expect(csv).toContain('"#loc+code","#date+week","#affected+idps+hh+new"');
  expect(csv).toContain(`"SY0200","${w1}","6077"`);
  expect(csv).toContain(`"SY0200","${w2}","6077"`);

  const first = page.locator(`[data-testid="outbox-item"][data-week="${w1}"]`);
  await first.getByTestId("outbox-discard").click();
  await expect(page.getByRole("alertdialog")).toContainText("Discard these figures for good?");
  await page.getByTestId("outbox-discard-confirm").click();
  await expect(items).toHaveCount(1);
  await expect(page.locator(`[data-testid="outbox-item"][data-week="${w2}"]`)).toBeVisible();

  await page.context().unroute("**/api/**");
  await page.getByTestId("outbox-send-now").click();
  await expect(page.locator(`[data-testid="outbox-item"][data-week="${w2}"]`)).toHaveAttribute("data-status", "sent", { timeout: 20_000 });
  expect((await page.request.get(`/api/v1/reports/SY0200/${w1}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/reports/SY0200/${w2}`)).status()).toBe(200);
});

test("a second person on the same browser neither sees nor sends the first one's unsent figures; signing out warns first", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const first = await coordinatorPage(browser, admin, "Shared First", ["SY02"]);
  const page = first.page;
  const [week] = unusedWeeks(1);
  const entry = `/en/reports/SY0200/${week}`;
  await page.goto(entry);
  await serviceWorkerInControl(page);
  await page.reload();
  await cached(page, entry);

  await page.context().setOffline(true);
  await page.reload();
  await enterFieldReport(page);
  await page.getByTestId("save-draft").click();
  await expect(page.getByTestId("offline-saved")).toBeVisible();

  // Back online, but the report API cannot be reached (a captive portal, say): the item stays waiting.
  // (On the context: the page's fetch goes through the service worker, whose requests only the context sees.)
  const puts: string[] = [];
  page.context().on("request", (r) => {
    if (r.method() === "PUT" && r.url().includes("/api/v1/reports/")) puts.push(r.url());
  });
  await page.context().route("**/api/v1/reports/**", (route) => route.abort("internetdisconnected"));
  await page.context().setOffline(false);
  await page.goto("/en");
  await expect(page.locator('[data-testid="outbox-item"]')).toHaveAttribute("data-status", "waiting");

  // Signing out with unsent figures asks first.
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-out-unsent")).toContainText("1 report saved on this device has not been sent");
  await page.getByTestId("sign-out-anyway").click();
  await expect(page).toHaveURL(/\/en\/signin/);
  await page.context().unroute("**/api/v1/reports/**");
  const putsBefore = puts.length;

  // Someone else signs in on the same browser.
  const email = uniqueEmail("shared-second");
  const generated = await createUserAsAdmin(admin, { email, name: "Shared Second", role: "coordinator", areas: ["SY03"] });
  await signInFirstTime(page, email, generated);
  await page.goto("/en");
  await expect(page.getByTestId("outbox")).toBeVisible();
  await expect(page.getByTestId("outbox-empty")).toBeVisible();
  await expect(page.getByTestId("outbox-item")).toHaveCount(0);
  // None of the first person's pages is served from the cache to them.
  expect(await page.evaluate(async (p) => !!(await caches.match(p, { ignoreVary: true })), entry)).toBe(false);
  // The page's opening sync has run and gone quiet: had it taken the first person's figures, their PUT would be seen.
  await page.waitForLoadState("networkidle");
  expect(puts.length).toBe(putsBefore);
  const none = await admin.request.get(`/api/v1/reports/SY0200/${week}`);
  expect(none.status()).toBe(404);

  // The first person signs in again: their figures were kept, and go.
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/en\/signin/);
  await signIn(page, first.email, first.password);
  await page.goto("/en");
  await expect(page.locator('[data-testid="outbox-item"]')).toHaveAttribute("data-status", "sent", { timeout: 20_000 });
  expect((await admin.request.get(`/api/v1/reports/SY0200/${week}`)).status()).toBe(200);
});

test("the app is installable: a manifest in each language, real icons, and a public service worker under the CSP", async ({ page, request }) => {
  for (const [locale, name, dir] of [
    ["en", "Rasd", "ltr"],
    ["ar", "رصد", "rtl"],
  ] as const) {
    const res = await request.get(`/${locale}/manifest.webmanifest`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/manifest+json");
    const manifest = await res.json();
    expect(manifest).toMatchObject({ short_name: name, lang: locale, dir, start_url: `/${locale}`, scope: "/", display: "standalone" });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const img = await request.get(icon.src);
      expect(img.status(), icon.src).toBe(200);
      expect(img.headers()["content-type"], icon.src).toContain(icon.type);
    }
  }
  expect((await request.get("/favicon.ico")).status()).toBe(200);
  const sw = await request.get("/sw.js");
  expect(sw.status()).toBe(200);
  expect(sw.headers()["content-type"]).toContain("javascript");
  expect(sw.headers()["service-worker-allowed"]).toBe("/");
  expect(await sw.text()).toContain("/_next/static/");
  // Signed out, a page links the manifest and icons, and its CSP lets it register the worker.
  const signin = await page.goto("/ar/signin");
  expect(signin!.headers()["content-security-policy"]).toContain("worker-src 'self'");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/ar/manifest.webmanifest");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /favicon\.ico|icon\.svg/);
});
