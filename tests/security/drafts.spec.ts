import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ADMIN, newPerson, signIn, unusedWeeks } from "../e2e/helpers";
import { createAccount, signIn as signInAs } from "./support";

/**
 * WHO SEES A DRAFT, black-box against the production server: a coordinator of Aleppo (SY02)
 * saves a draft for Jebel Saman (SY0200); a viewer and a coordinator of Idleb (SY07) must read
 * that week as if nobody had reported it, through the API (list and single read) and the report
 * page, while the owner (and an admin) still see it. The spec makes its own accounts and data,
 * in a week no other spec uses, so it passes alone and in any order.
 */

// Two weeks of its own, with no report yet (the draft's, and the one after it), taken in beforeAll.
let WEEK = "";
let NEXT_WEEK = "";
/** Figures and a note only this draft carries: wherever they show up, the draft showed up. */
const DRAFT = { newly: "4321", repeat: "1234", total: "9876", gap: "37.5", note: `draft-only note ${Math.random().toString(36).slice(2, 10)}` };
const DRAFT_TEXTS = [DRAFT.note, "4,321", "4321", "9,876", "9876", "37.5"];

/**
 * A new person (own browser context, own session), signed in. The account is made by the operator
 * script with a password of its own, so that nothing but the draft rule stands between this test
 * and what it checks (no forced password change on the way).
 */
async function person(browser: Browser, user: { role: "coordinator" | "viewer"; areas?: string }): Promise<Page> {
  const account = createAccount(user.role, { areas: user.areas });
  const page = await newPerson(browser);
  await signInAs(page, account);
  return page;
}

/** Plain HTTP with this person's session: the `request` fixture, carrying the browser context's cookies. */
async function apiAs(request: APIRequestContext, page: Page, path: string) {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const res = await request.get(path, { headers: { cookie }, maxRedirects: 0 });
  return { status: res.status(), body: (await res.json()) as unknown };
}

type ReportList = { week: string; reports: { pcode: string; status: string; notes: string; newlyDisplacedFamilies: number }[] };

let admin: Page;
let owner: Page;
let viewer: Page;
let otherCoordinator: Page;

test.beforeAll(async ({ browser }) => {
  [WEEK, NEXT_WEEK] = unusedWeeks(2) as [string, string];
  admin = await newPerson(browser);
  await signIn(admin, ADMIN.email, ADMIN.password);
  owner = await person(browser, { role: "coordinator", areas: "SY02" });
  viewer = await person(browser, { role: "viewer" });
  otherCoordinator = await person(browser, { role: "coordinator", areas: "SY07" });

  // The owner saves a draft through the entry form, as in the field.
  await owner.goto(`/en/reports/SY0200/${WEEK}`);
  await expect(owner.getByTestId("report-status")).toHaveAttribute("data-status", "missing");
  await owner.locator("#newlyDisplacedFamilies").fill(DRAFT.newly);
  await owner.locator("#repeatDisplacedFamilies").fill(DRAFT.repeat);
  await owner.locator("#totalDisplacedFamilies").fill(DRAFT.total);
  for (const code of ["food_security", "nfi", "shelter"]) await owner.locator(`[id="sectors.${code}.gapPct"]`).fill(DRAFT.gap);
  await owner.locator("#notes").fill(DRAFT.note);
  await owner.getByTestId("save-draft").click();
  await expect(owner.getByTestId("report-saved")).toBeVisible();
  await expect(owner.getByTestId("report-status")).toHaveAttribute("data-status", "draft");
});

test.afterAll(async () => {
  for (const p of [admin, owner, viewer, otherCoordinator]) await p?.context().close();
});

test("the owner and an admin still see the draft: API list, single read and the page", async ({ request }) => {
  for (const reader of [owner, admin]) {
    const list = await apiAs(request, reader, `/api/v1/reports?week=${WEEK}&status=draft`);
    expect(list.status).toBe(200);
    const mine = (list.body as ReportList).reports.find((r) => r.pcode === "SY0200");
    expect(mine).toMatchObject({ status: "draft", notes: DRAFT.note, newlyDisplacedFamilies: 4321 });

    const one = await apiAs(request, reader, `/api/v1/reports/SY0200/${WEEK}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ pcode: "SY0200", week: WEEK, status: "draft", notes: DRAFT.note });

    await reader.goto(`/en/reports/SY0200/${WEEK}`);
    await expect(reader.getByTestId("report-status")).toHaveAttribute("data-status", "draft");
    await expect(reader.locator("#newlyDisplacedFamilies")).toHaveValue(DRAFT.newly);
    await expect(reader.locator("#notes")).toHaveValue(DRAFT.note);
    await expect(reader.getByTestId("revision")).toHaveCount(1);
  }
});

for (const [who, reader] of [
  ["a viewer", () => viewer],
  ["a coordinator of another governorate", () => otherCoordinator],
] as const) {
  test(`${who} reads the week as if nobody had reported it`, async ({ request }) => {
    const page = reader();

    // The API list, asked for drafts and asked for the area: the draft is not in it.
    for (const query of [`week=${WEEK}&status=draft`, `week=${WEEK}&area=SY02`, `week=${WEEK}`]) {
      const list = await apiAs(request, page, `/api/v1/reports?${query}`);
      expect(list.status, query).toBe(200);
      expect((list.body as ReportList).reports.map((r) => r.pcode), query).not.toContain("SY0200");
      for (const text of DRAFT_TEXTS) expect(JSON.stringify(list.body), query).not.toContain(text);
    }

    // The single read: the same 404 as for a week nobody reported, nothing of the draft in it.
    const unreported = await apiAs(request, page, "/api/v1/reports/SY0200/2012-W01");
    expect(unreported.status).toBe(404);
    const one = await apiAs(request, page, `/api/v1/reports/SY0200/${WEEK}`);
    expect(one.status).toBe(404);
    expect(one.body).toEqual(unreported.body);

    // The page: no figures, no notes, no revisions; the week is "missing", not "draft".
    const res = await page.goto(`/en/reports/SY0200/${WEEK}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("report-title")).toContainText("Jebel Saman");
    await expect(page.getByTestId("report-status")).toHaveAttribute("data-status", "missing");
    await expect(page.getByTestId("no-report")).toBeVisible();
    await expect(page.getByTestId("report-figures")).toHaveCount(0);
    await expect(page.getByTestId("report-form")).toHaveCount(0);
    await expect(page.getByTestId("revision")).toHaveCount(0);
    const html = await page.content();
    for (const text of DRAFT_TEXTS) expect(html).not.toContain(text);
    expect(html).not.toContain("Aleppo Draft Owner");

    // The week after: the page's "last week" is the draft, and must not leak through it either.
    await page.goto(`/en/reports/SY0200/${NEXT_WEEK}`);
    await expect(page.getByTestId("no-report")).toBeVisible();
    const after = await page.content();
    for (const text of DRAFT_TEXTS) expect(after).not.toContain(text);
  });
}
