import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { openDb } from "../../db/client";
import { issueApiToken } from "../../lib/tokens";
import { insertUser } from "../../lib/users";
import { seedSummaryFixture } from "../summary-fixture";
import { E2E_DB, ownPassword, signIn, uniqueEmail } from "./helpers";

/*
 * axe-core over every page (app/[locale]/**\/page.tsx), as each role sees it, in English and
 * Arabic, at 1280 and 360 px. A `serious` or `critical` violation fails the test, with the rule
 * and the nodes printed; at 360 px the page must also be no wider than the screen. No rule is
 * disabled (decision 042). One sign-in per role, one browser context per role and width.
 *
 * Figures come from the summary fixture (2020-W01…W04, loaded once, as summaries.spec.ts does);
 * the spec writes no report. The empty entry form is read for a week nobody writes (1990-W10).
 */

type Role = "anonymous" | "viewer" | "coordinator" | "admin";
type Account = { email: string; password: string; id: number };
const accounts: Partial<Record<Exclude<Role, "anonymous">, Account>> = {};
let coordinatorId = 0;

test.beforeAll(async () => {
  const db = openDb(E2E_DB);
  try {
    seedSummaryFixture(db, undefined, { once: true });
    const who = { label: "e2e:accessibility" };
    for (const role of ["viewer", "coordinator", "admin"] as const) {
      const email = uniqueEmail(`a11y-${role}`);
      const password = ownPassword();
      const { id } = await insertUser(db, who, { email, name: `A11y ${role}`, role, areas: role === "coordinator" ? ["SY02"] : [], password });
      accounts[role] = { email, password, id };
    }
    coordinatorId = accounts.coordinator!.id;
    // My account and the admin's token list have a token to show (the wide table of issue 11, item 3).
    issueApiToken(db, who, accounts.admin!.id, { name: "Dashboard feed for the cluster", scope: "read", days: 30 });
  } finally {
    db.$client.close();
  }
});

const WEEK = "2020-W04";
/** Pages per role, without the locale prefix. Every page.tsx under app/[locale] is here at least once. */
const PAGES: Record<Role, () => string[]> = {
  anonymous: () => ["/signin", "/no-such-page"],
  viewer: () => [
    `/?summaryWeek=${WEEK}`,
    "/areas",
    `/areas/SY02?week=${WEEK}`,
    `/areas/SY02?week=${WEEK}&sort=gap&sector=food_security&dir=desc`,
    `/areas/SY0200?week=${WEEK}`,
    `/reports/gaps?week=${WEEK}`,
    `/map?week=${WEEK}`,
    `/reports/SY0200/${WEEK}`,
    "/account",
    // The 403 page.
    "/admin/users",
    // Issue 15: the follow-up list and the data-quality page.
    "/reports/follow-ups",
    `/reports/data-quality?week=${WEEK}`,
  ],
  coordinator: () => ["/", `/?week=${WEEK}`, `/reports/SY0200/${WEEK}`, "/reports/SY0201/1990-W10", "/account", "/reports/import", "/reports/imports"],
  admin: () => [
    `/?week=${WEEK}`,
    // The approval queue's "approve all" confirmation step (a GET state of the home page).
    `/?week=${WEEK}&approveAll=SY02`,
    "/admin/users",
    "/admin/users/new",
    `/admin/users/${coordinatorId}`,
    "/admin/areas/import",
    "/admin/tokens",
    "/admin/audit",
    "/admin/sectors",
    "/admin/sectors?edit=nfi",
    "/admin/deadlines",
    `/admin/deadlines?week=${WEEK}`,
    `/admin/reporting-rate?end=${WEEK}`,
    "/account",
    `/reports/SY0200/${WEEK}`,
    "/reports/import",
    "/reports/imports",
    // Issue 15: an area's min-max rules (with the history's suggestions), the follow-up list, data quality.
    "/admin/ranges",
    "/admin/ranges?area=SY02",
    "/reports/follow-ups?state=all",
    `/reports/data-quality?week=${WEEK}`,
  ],
};

type Finding = { url: string; problem: string };

async function scan(page: Page, url: string, width: number): Promise<Finding[]> {
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  await page.waitForLoadState("networkidle");
  const found: Finding[] = [];
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    const nodes = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`);
    found.push({ url, problem: `${v.impact} ${v.id} (${v.nodes.length} nodes): ${v.help}\n${nodes.join("\n")}` });
  }
  if (width <= 360) {
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > width) found.push({ url, problem: `page is ${wide} px wide at ${width} px` });
  }
  return found;
}

async function contextFor(browser: Browser, role: Role, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: width <= 360 ? 780 : 900 } });
  if (role !== "anonymous") {
    const page = await context.newPage();
    const who = accounts[role]!;
    await signIn(page, who.email, who.password);
    await page.close();
  }
  return context;
}

for (const width of [1280, 360]) {
  for (const role of ["anonymous", "viewer", "coordinator", "admin"] as const) {
    test(`axe finds no serious or critical violation: ${role}, every page, English and Arabic, ${width} px`, async ({ browser }) => {
      test.setTimeout(240_000);
      const context = await contextFor(browser, role, width);
      const page = await context.newPage();
      const findings: Finding[] = [];
      let scanned = 0;
      for (const locale of ["en", "ar"]) {
        for (const path of PAGES[role]()) {
          findings.push(...(await scan(page, `/${locale}${path}`, width)));
          scanned += 1;
        }
      }
      await context.close();
      const report = findings.map((f) => `${f.url}\n  ${f.problem}`).join("\n");
      expect(scanned).toBe(PAGES[role]().length * 2);
      expect(findings.length, report).toBe(0);
    });
  }
}
