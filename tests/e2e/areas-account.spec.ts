import { expect, test } from "@playwright/test";
import { ADMIN, newPerson, signIn, uniqueEmail } from "./helpers";

const HEADER = "level,pcode,parent_pcode,name_en,name_ar";

test("an admin adds a community under a sub-district, then renames it", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const code = `C9${Date.now().toString().slice(-5)}`;
  await page.goto("/en/areas/SY070300");
  const create = page.getByTestId("area-create-form");
  await create.locator("#new-pcode").fill(code);
  await create.locator("#new-nameEn").fill("New Camp");
  await create.locator("#new-nameAr").fill("مخيم جديد");
  await create.locator("button[type=submit]").click();
  await expect(create.getByRole("status")).toHaveText("Area added.");

  await page.goto(`/en/areas/${code.toLowerCase()}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New Camp");
  await expect(page.getByTestId("breadcrumb")).toContainText("Harim");
  const rename = page.getByTestId("area-rename-form");
  await rename.locator("#rename-nameEn").fill("New Camp (north)");
  await rename.locator("button[type=submit]").click();
  await expect(rename.getByRole("status")).toHaveText("Area renamed.");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New Camp (north)");
});

test("an area import with errors names row and column and changes nothing; a good one applies after preview", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const code = `C8${Date.now().toString().slice(-5)}`;
  await page.goto("/en/admin/areas/import");
  await page.locator("#import-csv").fill(`${HEADER}\n4,${code},SY070300,Bad Level,سيئ\n5,C1,SY07,Too Deep,عميق\n`);
  await page.getByTestId("import-preview").click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toBeVisible();
  await expect(errors).toContainText("level");
  await expect(errors.locator("tbody tr").first()).toContainText("3");
  await expect(page.getByTestId("import-apply")).toHaveCount(0);
  // The file's valid row was not written either: all or nothing.
  expect((await page.request.get(`/en/areas/${code}`)).status()).toBe(404);
  await page.goto("/en/admin/areas/import");

  await page.locator("#import-csv").fill(`${HEADER}\n4,${code},SY070300,Imported Camp,مخيم مستورد\n`);
  await page.getByTestId("import-preview").click();
  await expect(page.getByTestId("import-preview-result")).toContainText(code);
  await page.getByTestId("import-apply").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  await page.goto(`/en/areas/${code}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Imported Camp");
});

test("a user changes their own password (signed out everywhere) and their language", async ({ page, browser }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("self");
  await page.goto("/en/admin/users/new");
  await page.locator('[name="email"]').fill(email);
  await page.locator('[name="name"]').fill("Self Service");
  await page.locator('select[name="role"]').selectOption("viewer");
  await page.getByTestId("create-user").click();
  const first = (await page.getByTestId("new-password").textContent())!.trim();

  const me = await newPerson(browser);
  await signIn(me, email, first);
  await me.goto("/en/account");
  await me.locator("#currentPassword").fill(first);
  await me.locator("#newPassword").fill("my-own-new-password-2026");
  await me.locator("#confirmPassword").fill("my-own-new-password-2026");
  await me.getByTestId("change-password").click();
  await expect(me).toHaveURL(/\/en\/signin\?passwordChanged=1/);
  await signIn(me, email, "my-own-new-password-2026");

  await me.goto("/en/account");
  await me.locator("#locale").selectOption("ar");
  await me.locator("#numerals").selectOption("arab");
  await me.getByTestId("save-preferences").click();
  await expect(me).toHaveURL(/\/ar\/account/);
  await expect(me.locator("html")).toHaveAttribute("dir", "rtl");
  // Arabic-Indic digits now, as chosen.
  await me.goto("/ar");
  await expect(me.getByTestId("current-week")).toContainText(/[٠-٩]/);
});
