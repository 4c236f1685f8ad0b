import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail, unusedWeeks } from "./helpers";

/*
 * The figures import page, as a coordinator uses it with a KoboToolbox export: `;`-separated,
 * every field quoted, group paths (`displacement/newly_displaced`), system columns (`_id`,
 * `_uuid`, …). One column is not recognised and is fixed in the mapping; one row is refused;
 * the fixed file (same headers: the saved mapping is offered again) is applied; the figures
 * show on the area page; the import is undone from the Imports list.
 */

const HEADERS = [
  "start",
  "end",
  "site/pcode",
  "week",
  "displacement/newly_displaced",
  "displacement/repeat_displaced",
  "displacement/total_displaced",
  "gaps/food_security_gap",
  "gaps/shelter_gap_pct",
  "_id",
  "_uuid",
  "_submission_time",
  "_index",
];
/**
 * A column of the form's own (never recognised, so ignored), named per test: each test's files
 * have their own header signature, so another test's saved mapping is never offered to them.
 */
const formColumn = () => `enumerator_${randomBytes(4).toString("hex")}`;
/** The column the import does not recognise by itself ("shelter gap pct"). */
const SHELTER_COLUMN = HEADERS.indexOf("gaps/shelter_gap_pct");

type Row = { pcode: string; week: string; newly: number; repeat: number; total: number; food: string; shelter: string };

function koboCsv(rows: Row[], extra: string): Buffer {
  const q = (v: string | number) => `"${String(v).replaceAll('"', '""')}"`;
  const lines = [[...HEADERS, extra].map(q).join(";")];
  rows.forEach((r, i) => {
    const cells = [`${r.week}T08:00`, `${r.week}T09:00`, r.pcode, r.week, r.newly, r.repeat, r.total, r.food, r.shelter, 1000 + i, randomBytes(8).toString("hex"), "2001-01-01T10:00:00", i + 1, "enumerator"];
    lines.push(cells.map(q).join(";"));
  });
  return Buffer.from(lines.join("\r\n") + "\r\n", "utf8");
}

async function coordinator(open: () => Promise<Page>, admin: Page, locale: string): Promise<Page> {
  const email = uniqueEmail("importer");
  const password = await createUserAsAdmin(admin, { email, name: "Import Coordinator", role: "coordinator", areas: ["SY02"] });
  const page = await open();
  await signInFirstTime(page, email, password, locale);
  return page;
}

async function upload(page: Page, locale: string, name: string, bytes: Buffer) {
  const form = page.getByTestId("upload-form");
  await form.locator('input[type="file"]').setInputFiles({ name, mimeType: "text/csv", buffer: bytes });
  await form.locator('select[name="status"]').selectOption("submitted");
  await form.getByTestId("upload-form-submit").click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/reports/import\\?upload=\\d+`));
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await page.waitForLoadState("networkidle");
}

const count = (page: Page, id: string) => page.getByTestId(`count-${id}`).locator("dd");

async function importFlow(open: () => Promise<Page>, admin: Page, locale: "en" | "ar", figures: { newly: number; other: number }) {
  const page = await coordinator(open, admin, locale);
  const [week] = unusedWeeks(1) as [string];
  const extra = formColumn();

  // From "My week" to the import page.
  await page.goto(`/${locale}`);
  await page.getByTestId("my-week-import").getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/reports/import$`));
  await expect(page.getByTestId("import-template").locator("a")).toHaveCount(4);

  const good: Row = { pcode: "SY0200", week, newly: figures.newly, repeat: 10, total: 9000, food: "91", shelter: "93%" };
  // Repeat displaced above newly displaced: the form's own rule refuses the row.
  const bad: Row = { pcode: "SY0202", week, newly: figures.other, repeat: figures.other + 5, total: 900, food: "80", shelter: "70" };
  await upload(page, locale, "kobo-site-visits.csv", koboCsv([good, bad], extra));

  await expect(count(page, "rows")).toHaveAttribute("data-value", "2");
  // The shelter gap column is not recognised; the system columns are ignored as such.
  const shelter = page.getByTestId(`map-${SHELTER_COLUMN}`);
  await expect(shelter).toHaveValue("-");
  await expect(page.getByTestId(`map-${HEADERS.indexOf("_uuid")}`)).toHaveValue("-");
  await expect(page.getByTestId(`map-${HEADERS.indexOf("displacement/newly_displaced")}`)).toHaveValue("newly");
  await shelter.selectOption("gap:shelter");
  await page.getByTestId("remap").click();
  await expect(page).toHaveURL(new RegExp(`c${SHELTER_COLUMN}=gap%3Ashelter`));
  await expect(page.getByTestId(`map-${SHELTER_COLUMN}`)).toHaveValue("gap:shelter");

  // One refused row: the spreadsheet's row 3, the repeat column, in the reader's language.
  const errors = page.getByTestId("preview-error");
  await expect(errors).toHaveCount(1);
  await expect(errors.first().locator("td").first()).toHaveText(locale === "ar" ? "3" : "3");
  await expect(errors.first()).toContainText("displacement/repeat_displaced");
  await expect(page.getByTestId("fix-first")).toBeVisible();
  await expect(page.getByTestId("apply-import")).toHaveCount(0);

  // Save the mapping, so that the fixed file (same headers) is read the same way.
  const mappingName = `Kobo NWS site visit ${locale} ${randomBytes(4).toString("hex")}`;
  await page.getByTestId("preview-mapping").locator("summary").click();
  await page.getByTestId("mapping-name").fill(mappingName);
  await page.getByTestId("save-mapping-submit").click();
  await expect(page.getByTestId("mapping-saved")).toContainText(mappingName);

  // The fixed file: the saved mapping is offered (and used) at once.
  const fixed: Row = { ...bad, repeat: 5 };
  await upload(page, locale, "kobo-site-visits-fixed.csv", koboCsv([good, fixed], extra));
  await expect(page.getByTestId("saved-mappings")).toContainText(mappingName);
  await expect(page.getByTestId(`map-${SHELTER_COLUMN}`)).toHaveValue("gap:shelter");
  await expect(page.getByTestId("preview-error")).toHaveCount(0);
  await expect(count(page, "create")).toHaveAttribute("data-value", "2");
  await expect(page.getByTestId("preview-item")).toHaveCount(2);

  await page.getByTestId("apply-import-submit").click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/reports/imports/\\d+\\?applied=1`));
  await expect(page.getByTestId("import-applied")).toBeVisible();
  await expect(page.getByTestId("import-area-link")).toHaveCount(2);

  // The figures on the area page.
  await page.getByTestId("import-area-link").filter({ hasText: "SY0200" }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/areas/SY0200\\?week=${week}`));
  await expect(page.getByTestId("area-figures")).toContainText(String(figures.newly));

  // Undo from the Imports list, with a confirmation step.
  await page.goto(`/${locale}/reports/imports`);
  const entry = page.getByTestId("import-entry").first();
  await expect(entry).toContainText("kobo-site-visits-fixed.csv");
  await expect(entry).toHaveAttribute("data-undone", "0");
  await entry.getByTestId("undo-link").click();
  await expect(page).toHaveURL(/confirm=undo/);
  await page.getByTestId("undo-import-submit").click();
  await expect(page.getByTestId("import-undone")).toBeVisible();
  await expect(page.getByTestId("undo-section")).toHaveCount(0);
  await page.goto(`/${locale}/reports/imports`);
  await expect(page.getByTestId("import-entry").first()).toHaveAttribute("data-undone", "1");
  await page.goto(`/${locale}/areas/SY0200?week=${week}`);
  await expect(page.getByTestId("area-figures")).not.toContainText(String(figures.newly));
  return page;
}

test("a coordinator imports a Kobo export in English: fixes a column, sees the refused row, applies the fixed file, undoes it", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  await importFlow(() => newPerson(browser), admin, "en", { newly: 777, other: 55 });
});

test("the same in Arabic on a 360 px phone", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const phone = async () => (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  const page = await importFlow(phone, admin, "ar", { newly: 643, other: 44 });
  // Nothing wider than the screen on the import page.
  await page.goto("/ar/reports/import");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

/** Every community of Aleppo governorate (SY02) in the area list, the coordinator's areas. */
const aleppoCommunities = () =>
  fs
    .readFileSync(path.join(__dirname, "..", "..", "db", "seed-data", "syria_admin.csv"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("4,") && l.split(",")[2]!.startsWith("SY02"))
    .map((l) => l.split(",")[1]!);

for (const locale of ["en", "ar"] as const)
  test(`a large file's apply shows its progress, then the import (${locale}, 360 px)`, async ({ page: admin, browser }) => {
    test.setTimeout(120_000);
    await signIn(admin, ADMIN.email, ADMIN.password);
    const phone = async () => (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    const page = await coordinator(phone, admin, locale);
    const weeks = unusedWeeks(3);
    const lines = ["P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families"];
    for (const week of weeks) for (const pcode of aleppoCommunities()) lines.push(`${pcode},${week},12,0,120`);
    await page.goto(`/${locale}/reports/import`);
    await upload(page, locale, `aleppo-communities-${locale}.csv`, Buffer.from(lines.join("\n")));
    const rows = lines.length - 1;
    await expect(count(page, "create")).toHaveAttribute("data-value", String(rows));

    // Every step the bar shows, kept on the window: the page goes to the import without a reload.
    await page.evaluate(() => {
      const w = window as unknown as { steps: string[] };
      w.steps = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="apply-import-progress"]');
        const step = el && `${el.getAttribute("data-phase")} ${el.getAttribute("data-done")} ${el.getAttribute("data-total")}`;
        if (step && w.steps.at(-1) !== step) w.steps.push(step);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // The bar's first words, caught on the frame they appear in (it goes once the import is done).
    const firstWords = page
      .waitForFunction(() => document.querySelector('[data-testid="apply-import-progress"]')?.textContent || null, undefined, { polling: "raf", timeout: 60_000 })
      .then((h) => h.jsonValue());
    await page.getByTestId("apply-import-submit").click();
    // The bar is shown while the work goes on, in the reader's language.
    expect(await firstWords).toMatch(locale === "ar" ? /^(التحقق من الصفوف|حفظ التقارير): / : /^(Checking rows|Saving reports): /);
    await expect(page).toHaveURL(new RegExp(`/${locale}/reports/imports/\\d+\\?applied=1`));
    // It moved as the work went: the check, then the saves, a step at a time, each out of every row.
    const steps = (await page.evaluate(() => (window as unknown as { steps: string[] }).steps)).map((l) => l.split(" "));
    expect(steps.some(([phase]) => phase === "check")).toBe(true);
    const saves = steps.filter(([phase]) => phase === "write").map(([, done]) => Number(done));
    expect(saves.length).toBeGreaterThan(2);
    expect(saves).toEqual([...saves].sort((x, y) => x - y));
    expect(steps.every(([, , total]) => Number(total) === rows)).toBe(true);
    await expect(page.getByTestId("import-applied")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

test("the apply's progress channel refuses another origin with the session cookie, and a body that is not the form", async ({ page: admin }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const foreign = await admin.request.post("/api/v1/imports/uploads/apply", { data: { upload: "1" }, headers: { Origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  const notJson = await admin.request.post("/api/v1/imports/uploads/apply", { data: "upload=1", headers: { "Content-Type": "text/plain" } });
  expect(notJson.status()).toBe(415);
  const noUpload = await admin.request.post("/api/v1/imports/uploads/apply", { data: { upload: "999999999" } });
  expect(noUpload.status()).toBe(200);
  const line = JSON.parse((await noUpload.text()).trim()) as { state: { ok: boolean; msg: { key: string } } };
  expect(line.state.ok).toBe(false);
  expect(line.state.msg.key).not.toBe("errors.unexpected");
});

test("the template downloads in English and Arabic, with the HXL row and every active sector", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const en = await page.request.get("/api/v1/imports/template?format=csv&lang=en");
  expect(en.status()).toBe(200);
  const [header, hxl] = (await en.text()).replace(/^\uFEFF/, "").split("\r\n");
  expect(header).toContain("P-code");
  expect(hxl).toContain("#indicator+gap+pct+shelter");
  const ar = await page.request.get("/api/v1/imports/template?format=xlsx&lang=ar");
  expect(ar.status()).toBe(200);
  expect(ar.headers()["content-type"]).toContain("spreadsheetml");
});

test("without JavaScript: upload, preview, apply and undo are plain forms", async ({ page: admin, browser }) => {
  await signIn(admin, ADMIN.email, ADMIN.password);
  const noJs = async () => (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const page = await coordinator(noJs, admin, "en");
  const [week] = unusedWeeks(1) as [string];
  await page.goto("/en/reports/import");
  const csv = `P-code,Week,Newly displaced families,Of which displaced more than once,Total displaced families,${formColumn()}\r\nSY0203,${week},321,21,4321,x\r\n`;
  await page.getByTestId("upload-form").locator('input[type="file"]').setInputFiles({ name: "plain.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("upload-form-submit").click();
  await expect(page).toHaveURL(/\/en\/reports\/import\?upload=\d+/);
  await expect(page.getByTestId("count-create").locator("dd")).toHaveAttribute("data-value", "1");
  await page.getByTestId("apply-import-submit").click();
  await expect(page).toHaveURL(/\/en\/reports\/imports\/\d+\?applied=1/);
  await page.getByTestId("undo-ask").click();
  await page.getByTestId("undo-import-submit").click();
  await expect(page.getByTestId("import-undone")).toBeVisible();
});
