import { expect, test, type Browser, type Page } from "@playwright/test";
import { weekLabelParts } from "../../lib/i18n/format";
import { ADMIN, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeek, unusedWeeks } from "./helpers";

/*
 * Every test that writes figures takes weeks nobody has written (unusedWeek): the spec passes alone,
 * in any order with the others, and repeated against one server. The summary pages' reading of the
 * field report (2020-W04) is tests/e2e/summaries.spec.ts's own data.
 */

/** The January 2020 field report (data/000_…txt), as the API's PUT body. */
const FIELD_REPORT = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  individuals: null,
  sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93, familiesInNeed: 6077 } },
  notes: "",
  source: "Response Coordinators Syria statement",
  status: "submitted",
  version: 0,
};

/** The admin creates a coordinator for Aleppo (SY02) through the admin screen; returns their password. */
async function createCoordinator(admin: Page, email: string, name: string): Promise<string> {
  await admin.goto("/en/admin/users/new");
  await admin.locator('[name="email"]').fill(email);
  await admin.locator('[name="name"]').fill(name);
  await admin.locator('select[name="role"]').selectOption("coordinator");
  await admin.locator('input[name="areas"][value="SY02"]').check();
  await admin.getByTestId("create-user").click();
  const password = (await admin.getByTestId("new-password").textContent())?.trim() ?? "";
  expect(password.length).toBeGreaterThanOrEqual(20);
  return password;
}

async function coordinatorSession(browser: Browser, admin: Page, name: string): Promise<Page> {
  const email = uniqueEmail("coord");
  const password = await createCoordinator(admin, email, name);
  const page = await newPerson(browser);
  await signInFirstTime(page, email, password);
  return page;
}

async function fillFigures(page: Page, f: { newly: string; repeat: string; total: string; gaps?: Record<string, string>; needs?: Record<string, string>; source?: string }) {
  await page.locator("#newlyDisplacedFamilies").fill(f.newly);
  await page.locator("#repeatDisplacedFamilies").fill(f.repeat);
  await page.locator("#totalDisplacedFamilies").fill(f.total);
  for (const [code, v] of Object.entries(f.gaps ?? {})) await page.locator(`[id="sectors.${code}.gapPct"]`).fill(v);
  for (const [code, v] of Object.entries(f.needs ?? {})) await page.locator(`[id="sectors.${code}.familiesInNeed"]`).fill(v);
  if (f.source !== undefined) await page.locator("#source").fill(f.source);
}

test("a coordinator enters the field report for Jebel Saman and submits; an admin approves; the coordinator can no longer edit", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const coordinator = await coordinatorSession(browser, admin, "Aleppo Field Coordinator");
  const week = unusedWeek();
  const [year, number] = week.split("-W");

  // My week: the selected week (asked for in DHIS2's form, "2001W1"), with Jebel Saman's status; one click to enter it.
  await coordinator.goto(`/en?week=${year}W${Number(number)}`);
  await expect(coordinator.getByTestId("week-label")).toHaveAttribute("data-week", week);
  await expect(coordinator.getByTestId("week-label")).toContainText(`${week} (${weekLabelParts(week, "en").range})`);
  const row = coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0200"]');
  await expect(row).toHaveAttribute("data-status", "missing");
  await coordinator.getByTestId("open-SY0200").click();
  await expect(coordinator).toHaveURL(new RegExp(`/en/reports/SY0200/${week}$`));
  await expect(coordinator.getByTestId("report-title")).toContainText("Jebel Saman");

  await fillFigures(coordinator, {
    newly: "6077",
    repeat: "6077",
    total: "11000",
    gaps: { food_security: "91", nfi: "83", shelter: "93" },
    needs: { shelter: "6077" },
    source: "Response Coordinators Syria statement",
  });
  await coordinator.getByTestId("submit-report").click();
  await expect(coordinator.getByTestId("report-saved")).toContainText("Submitted");
  await expect(coordinator.getByTestId("report-status")).toHaveAttribute("data-status", "submitted");
  await expect(coordinator.locator("#totalDisplacedFamilies")).toHaveValue("11000");
  await expect(coordinator.locator('[id="sectors.nfi.gapPct"]')).toHaveValue("83");
  await expect(coordinator.getByTestId("revision").first()).toContainText("Aleppo Field Coordinator");

  // A second tab keeps the form open while the admin approves.
  const staleTab = await coordinator.context().newPage();
  await staleTab.goto(`/en/reports/SY0200/${week}`);

  // The admin sees it waiting for the week and approves it.
  await admin.goto(`/en?week=${week}`);
  const waiting = admin.locator('[data-testid="awaiting-row"][data-pcode="SY0200"]');
  await expect(waiting).toBeVisible();
  await waiting.getByTestId("approve-SY0200").click();
  await expect(admin.locator('[data-testid="awaiting-row"][data-pcode="SY0200"]')).toHaveCount(0);
  await admin.goto(`/en/reports/SY0200/${week}`);
  await expect(admin.getByTestId("report-status")).toHaveAttribute("data-status", "approved");
  await expect(admin.locator('[data-testid="revision"][data-action="approve"]')).toContainText("E2E Admin");

  // The coordinator can no longer edit: no form, the figures read-only, the week marked approved.
  await coordinator.reload();
  await expect(coordinator.getByTestId("report-form")).toHaveCount(0);
  await expect(coordinator.getByTestId("report-locked")).toContainText("locked");
  await expect(coordinator.getByTestId("figure-newlyDisplacedFamilies")).toHaveText("6,077");
  await expect(coordinator.getByTestId("figure-sector-shelter")).toContainText("93%");
  await coordinator.goto(`/en?week=${week}`);
  await expect(coordinator.locator('[data-testid="my-week-row"][data-pcode="SY0200"]')).toHaveAttribute("data-status", "approved");

  // Saving from the tab opened before the approval is refused, and changes nothing.
  await staleTab.locator("#totalDisplacedFamilies").fill("99999");
  await staleTab.getByTestId("save-draft").click();
  await expect(staleTab.getByRole("alert").filter({ hasText: "approved and locked" })).toBeVisible();
  await staleTab.goto(`/en/reports/SY0200/${week}`);
  await expect(staleTab.getByTestId("figure-totalDisplacedFamilies")).toHaveText("11,000");
});

test("editing from an older version gets the conflict message, and the first edit survives", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const first = await coordinatorSession(browser, admin, "First Coordinator");
  const second = await coordinatorSession(browser, admin, "Second Coordinator");
  const url = `/en/reports/SY0200/${unusedWeek()}`;

  await first.goto(url);
  await fillFigures(first, { newly: "5000", repeat: "4000", total: "12000", gaps: { food_security: "90" } });
  await first.getByTestId("save-draft").click();
  await expect(first.getByTestId("report-saved")).toContainText("draft");

  // Both open version 1; the first saves a change; the second saves from version 1.
  await second.goto(url);
  await expect(second.locator("#totalDisplacedFamilies")).toHaveValue("12000");
  await first.locator("#totalDisplacedFamilies").fill("12500");
  await first.getByTestId("save-draft").click();
  await expect(first.getByTestId("report-saved")).toBeVisible();
  await expect(first.getByText("Version 2", { exact: true })).toBeVisible();

  await second.locator("#newlyDisplacedFamilies").fill("5100");
  await second.getByTestId("save-draft").click();
  const conflict = second.getByTestId("report-conflict");
  await expect(conflict).toContainText("someone else changed this report");
  await expect(conflict).toContainText("First Coordinator");
  await expect(conflict).toContainText("Total displaced families");
  // The second person's typed value is still there to compare and re-apply.
  await expect(second.locator("#newlyDisplacedFamilies")).toHaveValue("5100");

  // Nothing was overwritten: the first edit is what is stored.
  await first.reload();
  await expect(first.locator("#totalDisplacedFamilies")).toHaveValue("12500");
  await expect(first.locator("#newlyDisplacedFamilies")).toHaveValue("5000");
  await expect(first.getByTestId("revision")).toHaveCount(2);
});

test("invalid input shows field errors and saves nothing (with and without JavaScript)", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const coordinator = await coordinatorSession(browser, admin, "Careful Coordinator");
  const url = `/en/reports/SY0200/${unusedWeek()}`;

  await coordinator.goto(url);
  await fillFigures(coordinator, { newly: "100", repeat: "250", total: "abc", gaps: { nfi: "120", shelter: "9.55" } });
  await coordinator.getByTestId("submit-report").click();
  await expect(coordinator.locator("#repeatDisplacedFamilies-error")).toHaveText("Repeat displacement cannot be more than the newly displaced families.");
  await expect(coordinator.locator("#totalDisplacedFamilies-error")).toHaveText("Enter a number.");
  await expect(coordinator.locator('[id="sectors.nfi.gapPct-error"]')).toHaveText("Must be at most 100.");
  await expect(coordinator.locator('[id="sectors.shelter.gapPct-error"]')).toHaveText("Use at most one decimal, e.g. 91.5.");
  await coordinator.reload();
  await expect(coordinator.getByTestId("report-status")).toHaveAttribute("data-status", "missing");
  await expect(coordinator.getByTestId("revision")).toHaveCount(0);

  // Without JavaScript the server checks the same schema and answers in the page.
  const cookies = await coordinator.context().cookies();
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  await noJs.addCookies(cookies);
  const plain = await noJs.newPage();
  await plain.goto(url);
  await fillFigures(plain, { newly: "100", repeat: "250", total: "300", gaps: { food_security: "50" } });
  await plain.getByTestId("submit-report").click();
  await expect(plain.locator("#repeatDisplacedFamilies-error")).toHaveText("Repeat displacement cannot be more than the newly displaced families.");
  await expect(plain.locator("#repeatDisplacedFamilies")).toHaveValue("250");
  await plain.goto(url);
  await expect(plain.getByTestId("report-status")).toHaveAttribute("data-status", "missing");
  await noJs.close();
});

test("the figures far from the previous week's need confirming beside their fields; copying last week's figures starts the form", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const coordinator = await coordinatorSession(browser, admin, "Weekly Coordinator");
  const [lastWeek, thisWeek] = unusedWeeks(2);
  await coordinator.goto(`/en/reports/SY0202/${lastWeek}`);
  await fillFigures(coordinator, { newly: "100", repeat: "10", total: "1000", gaps: { food_security: "80" } });
  await coordinator.getByTestId("submit-report").click();
  await expect(coordinator.getByTestId("report-saved")).toBeVisible();

  await coordinator.goto(`/en/reports/SY0202/${thisWeek}`);
  await coordinator.getByTestId("copy-last-week").click();
  await expect(coordinator.getByTestId("copied-last-week")).toBeVisible();
  await expect(coordinator.locator("#newlyDisplacedFamilies")).toHaveValue("100");
  await expect(coordinator.locator('[id="sectors.food_security.gapPct"]')).toHaveValue("80");
  await coordinator.locator("#newlyDisplacedFamilies").fill("500");
  await coordinator.locator('[id="sectors.food_security.gapPct"]').fill("20");
  // Each warning under its own field (the gap's in a row under its sector), and listed above the save button.
  await expect(coordinator.locator("#newlyDisplacedFamilies-warning")).toContainText("more than 3 times");
  await expect(coordinator.locator('[id="sectors.food_security.gapPct-warning"]')).toContainText("points");
  await expect(coordinator.getByTestId("sector-food_security-warnings")).toBeVisible();
  const warnings = coordinator.getByTestId("report-warnings");
  await expect(warnings.getByTestId("report-warning")).toHaveCount(2);
  await expect(warnings).toContainText("more than 3 times");
  await coordinator.getByTestId("submit-report").click();
  await expect(coordinator.locator("#acknowledgeWarnings-error")).toHaveText("Confirm that you have checked these figures.");
  await coordinator.getByTestId("acknowledge-warnings").check();
  await coordinator.getByTestId("submit-report").click();
  await expect(coordinator.getByTestId("report-saved")).toBeVisible();
  await expect(coordinator.locator("#newlyDisplacedFamilies")).toHaveValue("500");
});

test("the API: a token from the account page writes the field report with Bearer and reads it back", async ({ page: admin, browser, request }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const coordinator = await coordinatorSession(browser, admin, "API Coordinator");
  await coordinator.goto("/en/account");
  await coordinator.locator("#tokenName").fill("field laptop");
  // Tokens read only unless asked: this one saves figures.
  await coordinator.getByTestId("token-scope").selectOption("write");
  await coordinator.getByTestId("create-token").click();
  const token = (await coordinator.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^rasd_/);
  const auth = { Authorization: `Bearer ${token}` };
  const week = unusedWeek();
  const [year, number] = week.split("-W");
  const dhis2 = `${year}W${Number(number)}`;

  expect((await request.put(`/api/v1/reports/SY0200/${dhis2}`, { data: FIELD_REPORT })).status()).toBe(401);
  const created = await request.put(`/api/v1/reports/SY0200/${dhis2}`, { headers: auth, data: FIELD_REPORT });
  expect(created.status()).toBe(201);
  const stored = await created.json();
  expect(stored).toMatchObject({ pcode: "SY0200", week, version: 1, status: "submitted", totalDisplacedFamilies: 11000, updatedBy: "API Coordinator" });

  const one = await request.get(`/api/v1/reports/SY0200/${week}`, { headers: auth });
  expect(one.status()).toBe(200);
  expect(await one.json()).toMatchObject({ newlyDisplacedFamilies: 6077, sectors: { food_security: { gapPct: 91 }, nfi: { gapPct: 83 }, shelter: { gapPct: 93, familiesInNeed: 6077 } } });
  const list = await request.get(`/api/v1/reports?week=${week}&area=SY02`, { headers: auth });
  expect((await list.json()).reports.map((r: { pcode: string }) => r.pcode)).toContain("SY0200");

  const stale = await request.put(`/api/v1/reports/SY0200/${week}`, { headers: auth, data: FIELD_REPORT });
  expect(stale.status()).toBe(409);
  const outside = await request.put(`/api/v1/reports/SY0703/${week}`, { headers: auth, data: FIELD_REPORT });
  expect(outside.status()).toBe(403);
  const bad = await request.put(`/api/v1/reports/SY0200/${week}`, { headers: auth, data: { ...FIELD_REPORT, repeatDisplacedFamilies: 7000, version: 1 } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.fields).toEqual({ repeatDisplacedFamilies: "validation.repeatAboveNew" });
  expect((await request.put(`/api/v1/reports/SY9999/${week}`, { headers: auth, data: FIELD_REPORT })).status()).toBe(404);

  // What the API wrote is what the page shows.
  await coordinator.goto(`/en/reports/SY0200/${week}`);
  await expect(coordinator.locator("#newlyDisplacedFamilies")).toHaveValue("6077");
  await expect(coordinator.getByTestId("report-status")).toHaveAttribute("data-status", "submitted");
});

test("in Arabic the week picker reads right to left and the entry form speaks Arabic", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const coordinator = await coordinatorSession(browser, admin, "منسق حلب");
  await coordinator.goto("/ar?week=2020-W07");
  await expect(coordinator.locator("html")).toHaveAttribute("dir", "rtl");
  const previous = await coordinator.getByTestId("week-previous").boundingBox();
  const next = await coordinator.getByTestId("week-next").boundingBox();
  // "Previous" comes first in reading order: on the right in Arabic.
  expect(previous!.x).toBeGreaterThan(next!.x);
  await expect(coordinator.getByTestId("week-label")).toContainText("الأسبوع 7، 2020");
  await coordinator.getByTestId("open-SY0200").click();
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText("جبل سمعان");
  await expect(coordinator.getByText("العائلات النازحة حديثاً", { exact: true })).toBeVisible();
  await coordinator.locator("#newlyDisplacedFamilies").fill("10");
  await coordinator.locator("#repeatDisplacedFamilies").fill("20");
  await coordinator.locator("#totalDisplacedFamilies").fill("30");
  await coordinator.getByTestId("save-draft").click();
  await expect(coordinator.locator("#repeatDisplacedFamilies-error")).toHaveText("لا يمكن أن يزيد عدد العائلات ذات النزوح المتكرر عن عدد العائلات النازحة حديثاً.");
  await coordinator.screenshot({ path: "test-results/screenshots/ar-report-entry.png", fullPage: true });
});

test("figures a coordinator submits show at once on pages a reader has already opened (summaries are kept, never stale)", async ({ page: reader, browser }) => {
  await signIn(reader, ADMIN.email, ADMIN.password);
  const coordinator = await coordinatorSession(browser, reader, "Cache Check Coordinator");
  const week = unusedWeek();

  // The reader opens both pages first, so the server keeps their (empty) figures.
  await reader.goto(`/en/areas/SY0200?week=${week}`);
  await expect(reader.getByTestId("figures-none")).toBeVisible();
  await reader.goto(`/en/areas/SY02?week=${week}`);
  await expect(reader.getByTestId("figures-none")).toBeVisible();

  await coordinator.goto(`/en/reports/SY0200/${week}`);
  await fillFigures(coordinator, { newly: "120", repeat: "20", total: "500", gaps: { food_security: "50", nfi: "40", shelter: "30" }, source: "browser test" });
  await coordinator.getByTestId("submit-report").click();
  await expect(coordinator.getByTestId("report-saved")).toContainText("Submitted");

  await reader.goto(`/en/areas/SY0200?week=${week}`);
  await expect(reader.getByTestId("basis")).toHaveText("reported directly");
  await expect(reader.getByTestId("fig-newly")).toHaveText("120");
  await reader.goto(`/en/areas/SY02?week=${week}`);
  await expect(reader.getByTestId("fig-newly")).toHaveText("120");
});
