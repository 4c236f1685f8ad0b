import { expect, test } from "@playwright/test";
import { ADMIN, createUserAsAdmin, newPerson, signIn, signInFirstTime, uniqueEmail } from "./helpers";

test("admin creates a coordinator; they see only their areas; deactivation refuses their next request", async ({ page, browser }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("coord");
  const password = await createUserAsAdmin(page, { email, name: "Idleb Harim Coordinator", role: "coordinator", areas: ["SY0703"] });

  const coordinator = await newPerson(browser);
  const own = await signInFirstTime(coordinator, email, password);
  const mine = coordinator.getByTestId("my-areas");
  await expect(mine.locator("li")).toHaveCount(1);
  await expect(mine).toContainText("Harim");
  await expect(mine).toContainText("SY0703");
  await expect(mine).not.toContainText("Aleppo");
  // Not an admin: the admin screens are refused.
  const res = await coordinator.goto("/en/admin/users");
  expect(res?.status()).toBe(403);
  await expect(coordinator.getByRole("heading", { name: "Access denied (403)" })).toBeVisible();

  // The admin deactivates the account.
  await page.goto("/en/admin/users?q=" + encodeURIComponent(email));
  await page.getByTestId("user-row").getByRole("link", { name: email }).click();
  await page.getByTestId("confirm-deactivate").check();
  await page.getByTestId("deactivate").click();
  await expect(page.getByTestId("reactivate")).toBeVisible();

  // Their very next request is refused: back to sign-in, and signing in again fails.
  await coordinator.goto("/en");
  await expect(coordinator).toHaveURL(/\/en\/signin/);
  await expect(coordinator.getByTestId("my-areas")).toHaveCount(0);
  await coordinator.locator("#email").fill(email);
  await coordinator.locator("#password").fill(own);
  await coordinator.locator("form button[type=submit]").click();
  await expect(coordinator.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
});

test("creating a coordinator without areas shows the field error and creates nothing", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("noareas");
  await page.goto("/en/admin/users/new");
  await page.locator('[name="email"]').fill(email);
  await page.locator('[name="name"]').fill("No Areas");
  await page.locator('select[name="role"]').selectOption("coordinator");
  await page.getByTestId("create-user").click();
  await expect(page.getByText("A coordinator needs at least one area.")).toBeVisible();
  await page.goto("/en/admin/users?q=" + encodeURIComponent(email));
  await expect(page.getByTestId("user-row")).toHaveCount(0);
});

test("an admin resets a password: the old one stops working, the new one works and must be changed", async ({ page, browser }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("viewer");
  const first = await createUserAsAdmin(page, { email, name: "NGO Viewer", role: "viewer" });
  const viewer = await newPerson(browser);
  const own = await signInFirstTime(viewer, email, first);

  await page.goto("/en/admin/users?q=" + encodeURIComponent(email));
  await page.getByTestId("user-row").getByRole("link", { name: email }).click();
  await page.getByTestId("confirm-reset-password").check();
  await page.getByTestId("reset-password").click();
  const second = (await page.getByTestId("new-password").textContent())?.trim() ?? "";
  expect(second).not.toBe(first);

  // The viewer's existing session ended with the reset; their own password no longer works.
  await viewer.goto("/en");
  await expect(viewer).toHaveURL(/\/en\/signin/);
  await viewer.locator("#email").fill(email);
  await viewer.locator("#password").fill(own);
  await viewer.locator("form button[type=submit]").click();
  await expect(viewer.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  // The admin knows the reset password, so the viewer must choose their own again.
  await signInFirstTime(viewer, email, second);
});

test("the audit log records account changes", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("audited");
  await createUserAsAdmin(page, { email, name: "Audited Viewer", role: "viewer" });
  await page.goto("/en/admin/audit?action=user.create");
  await expect(page.getByTestId("audit-row").filter({ hasText: email }).first()).toBeVisible();
});

test("an admin changes a coordinator's areas; the coordinator's next page shows the new ones", async ({ page, browser }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = uniqueEmail("moved");
  const password = await createUserAsAdmin(page, { email, name: "Moving Coordinator", role: "coordinator", areas: ["SY0703"] });
  const coordinator = await newPerson(browser);
  await signInFirstTime(coordinator, email, password);
  await expect(coordinator.getByTestId("my-areas")).toContainText("SY0703");

  await page.goto("/en/admin/users?q=" + encodeURIComponent(email));
  await page.getByTestId("user-row").getByRole("link", { name: email }).click();
  // Untick first, as people do: the "needs an area" message must not move the boxes under the pointer.
  await page.locator('input[name="areas"][value="SY0703"]').uncheck();
  await page.locator('input[name="areas"][value="SY0200"]').check();
  await page.getByTestId("save-user").click();
  await expect(page.getByRole("status")).toBeVisible();

  await coordinator.reload();
  const mine = coordinator.getByTestId("my-areas");
  await expect(mine).toContainText("SY0200");
  await expect(mine).not.toContainText("SY0703");
});
