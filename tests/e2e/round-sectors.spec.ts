import { expect, test, type Page } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/**
 * Issue 15: an admin adds a sector, a coordinator enters a gap for it, and it appears on the area
 * page, in the map's sector choice and in the CSV export with its HXL tag; once retired it leaves
 * new entry and stays in the past week. WASH in English, Health in Arabic (entry at 360 px).
 */

const CASES = [
  { locale: "en", code: "wash", hxl: "wash", nameEn: "WASH", nameAr: "المياه والإصحاح", gap: "70", shownGap: "70", district: "SY0204", phone: false },
  { locale: "ar", code: "health", hxl: "health", nameEn: "Health", nameAr: "الصحة", gap: "40", shownGap: "40", district: "SY0205", phone: true },
] as const;

async function addSector(admin: Page, c: (typeof CASES)[number]) {
  await admin.goto(`/${c.locale}/admin/sectors`);
  await admin.waitForLoadState("networkidle");
  // A bad code and HXL attribute are refused per field, and nothing is added.
  await admin.locator("#sector-code").fill("Bad Code");
  await admin.locator("#sector-nameEn").fill(c.nameEn);
  await admin.locator("#sector-nameAr").fill(c.nameAr);
  await admin.locator("#sector-hxl").fill("9x");
  await admin.getByTestId("sector-create").click();
  await expect(admin.locator("#sector-code-error")).toBeVisible();
  await expect(admin.locator("#sector-hxl-error")).toBeVisible();
  await expect(admin.locator(`[data-testid="sector-row"][data-code="${c.code}"]`)).toHaveCount(0);
  await admin.locator("#sector-code").fill(c.code);
  await admin.locator("#sector-hxl").fill(c.hxl);
  await admin.getByTestId("sector-create").click();
  const row = admin.locator(`[data-testid="sector-row"][data-code="${c.code}"]`);
  await expect(row).toHaveAttribute("data-active", "true");
  await expect(row.getByTestId("sector-hxl")).toHaveText(`#indicator+gap+pct+${c.hxl}`);
}

for (const c of CASES) {
  test(`${c.locale}: an admin adds ${c.nameEn}; a coordinator's gap reaches the area page, the map and the CSV export; retiring keeps the past`, async ({ page: admin, browser }) => {
    test.setTimeout(120_000);
    await signIn(admin, ADMIN.email, ADMIN.password, c.locale);
    await addSector(admin, c);

    const email = uniqueEmail(`sector-${c.code}`);
    const generated = await createUserAsAdmin(admin, { email, name: `Sector Coordinator ${c.code}`, role: "coordinator", areas: [c.district] });
    const coordinator = await newPerson(browser);
    if (c.phone) await coordinator.setViewportSize({ width: 360, height: 780 });
    await signInFirstTime(coordinator, email, generated, c.locale);
    const [week, later] = unusedWeeks(2) as [string, string];

    await coordinator.goto(`/${c.locale}/reports/${c.district}/${week}`);
    await coordinator.waitForLoadState("networkidle");
    await coordinator.locator("#newlyDisplacedFamilies").fill("200");
    await coordinator.locator("#repeatDisplacedFamilies").fill("20");
    await coordinator.locator("#totalDisplacedFamilies").fill("900");
    await coordinator.locator(`[id="sectors.${c.code}.gapPct"]`).fill(c.gap);
    await coordinator.getByTestId("submit-report").click();
    await expect(coordinator.locator('input[name="version"]')).toHaveValue("1");
    if (c.phone) expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The area page: the district's own figures and Aleppo's rollup both weigh the new sector.
    await coordinator.goto(`/${c.locale}/areas/${c.district}?week=${week}`);
    await expect(coordinator.getByTestId(`gap-${c.code}`)).toContainText(c.shownGap);
    await coordinator.goto(`/${c.locale}/areas/SY02?week=${week}`);
    await expect(coordinator.getByTestId(`gap-${c.code}`)).toContainText(c.shownGap);

    // The map offers it as a sector choice for that week.
    await coordinator.goto(`/${c.locale}/map?week=${week}`);
    await expect(coordinator.locator(`select[name="sector"] option[value="${c.code}"]`)).toHaveCount(1);

    // The area table's CSV export has its HXL-tagged columns and the district's gap.
    await coordinator.goto(`/${c.locale}/areas/SY02?week=${week}`);
    const href = await coordinator.getByTestId("children-export-csv").getAttribute("href");
    const csv = await (await coordinator.request.get(href!)).text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    const tags = lines[1]!.split(",");
    const col = tags.indexOf(`#indicator+gap+pct+${c.hxl}`);
    expect(col).toBeGreaterThan(0);
    const districtRow = lines.find((l) => l.includes(`,${c.district},`))!.split(",");
    expect(districtRow[col]).toBe(c.gap);

    // Retired: new entry no longer offers it; the past week still shows it.
    await admin.goto(`/${c.locale}/admin/sectors`);
    await admin.waitForLoadState("networkidle");
    await admin.getByTestId(`retire-${c.code}`).click();
    await expect(admin.locator(`[data-testid="sector-row"][data-code="${c.code}"]`)).toHaveAttribute("data-active", "false");
    await coordinator.goto(`/${c.locale}/reports/${c.district}/${later}`);
    await expect(coordinator.locator("#newlyDisplacedFamilies")).toBeVisible();
    await expect(coordinator.locator(`[id="sectors.${c.code}.gapPct"]`)).toHaveCount(0);
    await coordinator.goto(`/${c.locale}/areas/SY02?week=${week}`);
    await expect(coordinator.getByTestId(`gap-${c.code}`)).toContainText(c.shownGap);
    await coordinator.goto(`/${c.locale}/map?week=${week}`);
    await expect(coordinator.locator(`select[name="sector"] option[value="${c.code}"]`)).toHaveCount(1);
  });
}
