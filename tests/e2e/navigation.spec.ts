import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

/** Each page has its own title, and the menu marks where one is (aria-current), in both languages and at phone width. */

test("page titles and the current menu item, in English and Arabic, at 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page, ADMIN.email, ADMIN.password);

  await page.goto("/en/areas");
  await expect(page).toHaveTitle("Areas · Rasd");
  const menu = page.getByRole("navigation", { name: "Main menu" });
  await expect(menu.getByRole("link", { name: "Areas", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Home", exact: true })).not.toHaveAttribute("aria-current", "page");

  // A sub-page keeps its section marked; the title names the area.
  await page.goto("/ar/areas/SY02");
  // The P-code is isolated (U+2068…U+2069) so that it keeps its order inside the Arabic title.
  await expect(page).toHaveTitle("المناطق \u2068SY02\u2069 · رصد");
  const arMenu = page.getByRole("navigation").first();
  await expect(arMenu.locator('a[aria-current="page"]')).toHaveText("المناطق");
  // A sub-area's name and code with the space between them (it used to read "جبل سمعان(SY0200)").
  await expect(page.getByRole("link", { name: "جبل سمعان (SY0200)" }).first()).toBeVisible();

  for (const [path, title] of [
    ["/en/admin/users", "Users · Rasd"],
    ["/en/admin/audit", "Audit log · Rasd"],
    ["/en/map", "Map · Rasd"],
    ["/en/reports/gaps", "Gap report · Rasd"],
    ["/en/account", "My account · Rasd"],
  ] as const) {
    await page.goto(path);
    await expect(page, path).toHaveTitle(title);
  }
});
