import { expect, test } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * Issue 15: the admin's reporting-rate page (reported vs expected per area and week, who is
 * responsible for a missing unit), readable with JavaScript off, and its CSV export with HXL.
 */

const CASES = [
  { locale: "en", district: "SY0502", missing: "Responsible:", of: "0 of 1" },
  { locale: "ar", district: "SY0503", missing: "المسؤول:", of: "0 من 1" },
] as const;

for (const c of CASES) {
  test(`${c.locale}: the reporting rate names a missing unit's coordinator, counts the report once it comes, and exports CSV with HXL (JavaScript off)`, async ({ page: admin, browser }) => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    const name = `Rate Coordinator ${c.locale}`;
    const email = uniqueEmail(`rate-${c.locale}`);
    const generated = await createUserAsAdmin(admin, { email, name, role: "coordinator", areas: [c.district] });
    const coordinator = await newPerson(browser);
    await signInFirstTime(coordinator, email, generated);
    const [week] = unusedWeeks(1) as [string];

    const reader = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signIn(reader, ADMIN.email, ADMIN.password, c.locale);
    const url = `/${c.locale}/admin/reporting-rate?area=${c.district}&level=2&end=${week}&week=${week}`;
    await reader.goto(url);
    const row = reader.locator(`[data-testid="rate-row"][data-pcode="${c.district}"][data-week="${week}"]`);
    await expect(row).toHaveAttribute("data-rate", "0");
    await expect(row.getByTestId("rate-counts")).toHaveText(c.of);
    await expect(row.getByTestId("rate-missing")).toContainText(c.missing);
    await expect(row.getByTestId("rate-missing")).toContainText(name);
    // The filters are a plain GET form: choosing all weeks works without JavaScript.
    await reader.locator("#rate-week").selectOption("");
    await reader.getByTestId("rate-apply").click();
    await expect(reader.locator(`[data-testid="rate-row"][data-pcode="${c.district}"]`)).toHaveCount(12);
    // Sorting is a link too.
    await reader.getByTestId("sort-rate").click();
    await expect(reader).toHaveURL(/sort=rate/);

    await coordinator.goto(`/en/reports/${c.district}/${week}`);
    await coordinator.waitForLoadState("networkidle");
    await coordinator.locator("#newlyDisplacedFamilies").fill("30");
    await coordinator.locator("#repeatDisplacedFamilies").fill("0");
    await coordinator.locator("#totalDisplacedFamilies").fill("120");
    await coordinator.getByTestId("submit-report").click();
    await expect(coordinator.locator('input[name="version"]')).toHaveValue("1");

    await reader.goto(url);
    await expect(row).toHaveAttribute("data-rate", "100");
    await expect(row.getByTestId("rate-missing")).toHaveCount(0);

    const href = await reader.getByTestId("rate-export-csv").getAttribute("href");
    const csv = await (await reader.request.get(href!)).text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[1]).toContain("#indicator+reporting+pct");
    expect(lines[1]).toContain("#adm2+code");
    const line = lines.find((l) => l.includes(`,${c.district},`))!;
    expect(line).toContain(`${week},`);
    expect(line).toContain(",1,1,100,0");
    // A coordinator may not read it: the page is the 403 page, the API a 403.
    expect((await coordinator.request.get(`/api/v1/reporting-rate?area=${c.district}`)).status()).toBe(403);
  });
}
