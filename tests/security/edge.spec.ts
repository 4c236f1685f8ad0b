/**
 * The request edge, black-box, against the production server (scripts/serve.ts behind
 * tests/e2e/serve.sh): one test or group per finding of the attack run (5: malformed URLs and
 * P-codes, 6: action and API bodies, 7: transport and CSP). Each test prepares what it needs and
 * passes alone and in any order.
 */
import http from "node:http";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { startOwnServer } from "./support";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: "e2e-admin@example.org", password: process.env.E2E_ADMIN_PASSWORD ?? "" };
const MB = 1024 * 1024;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * A raw request through Node's http client: the tests choose the exact bytes, headers and length
 * (browsers and fetch would fix them up), and the answer must arrive, not a connection reset.
 */
function send(method: string, path: string, headers: Record<string, string>, body: Buffer | string = ""): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORT, method, path, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function expectSecurityHeaders(h: http.IncomingHttpHeaders | Record<string, string>) {
  expect(h["content-security-policy"]).toContain("default-src 'self'");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("same-origin");
}

const scriptSrc = (csp: string | undefined) => csp?.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";

async function signInAdmin(page: Page, next?: string) {
  await page.goto(next === undefined ? "/en/signin" : `/en/signin?next=${encodeURIComponent(next)}`);
  await page.locator("#email").fill(ADMIN.email);
  await page.locator("#password").fill(ADMIN.password);
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

test.describe("5. malformed URLs and P-codes", () => {
  for (const path of ["/en/areas/%ZZ", "/en/areas/%E0", "/en/reports/%E0/2020-W04", "/en/reports/SY0200/%E0", "/en/admin/users/%E0", "/en/areas/%ED%A0%80", "/ar/areas/%E0", "/en/areas/SY02%00"]) {
    test(`page ${path} is the localized 404 page with the security headers`, async () => {
      const res = await send("GET", path, {});
      expect(res.status).toBe(404);
      expectSecurityHeaders(res.headers);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toContain(path.startsWith("/ar/") ? "الصفحة غير موجودة (404)" : "Page not found (404)");
    });
  }

  for (const path of ["/api/v1/reports/%E0/2020-W04", "/api/v1/summary/%E0", "/api/v1/summary/%ED%A0%80", "/api/health%", "/api/v1/reports/SY0200%00/2020-W04"]) {
    test(`API ${path} is a JSON 400 with the API's headers`, async () => {
      const res = await send("GET", path, {});
      expect(res.status).toBe(400);
      expectSecurityHeaders(res.headers);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(JSON.parse(res.body)).toEqual({ error: { code: "invalid", key: "errors.badUrl", message: expect.any(String) } });
    });
  }

  test("a P-code that is not ASCII letters and digits is a plain 404, never a redirect", async ({ request }) => {
    for (const path of ["/en/reports/%25E0/2020-W04", "/en/reports/%C3%A9/2020-W04", "/en/reports/%C5%BFY0200/2020-W04", "/en/areas/%C5%BFY02", "/en/areas/SY02%20", "/en/areas/%25E0"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
    }
  });

  test("P-codes are matched exactly: SY02 with anything after it is not SY02", async ({ page }) => {
    await signInAdmin(page);
    const res = await page.goto("/en/areas/SY02");
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("area-pcode")).toHaveText("SY02");
    for (const path of ["/en/areas/SY02%00", "/en/areas/%C5%BFY02", "/en/areas/SY02%0A"]) {
      const bad = await page.goto(path);
      expect(bad?.status(), path).toBe(404);
      await expect(page.getByTestId("area-pcode")).toHaveCount(0);
    }
  });

  test("a lower-case P-code still goes to its one address, in one redirect", async ({ request }) => {
    const res = await request.get("/en/reports/sy0200/2020W4", { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(new URL(res.headers().location ?? "", BASE).pathname).toBe("/en/reports/SY0200/2020-W04");
  });

  test("signing in with a next that is not a plain same-site path lands on the home page, not a 500", async ({ page }) => {
    const failures: number[] = [];
    page.on("response", (r) => {
      if (r.status() >= 500) failures.push(r.status());
    });
    await signInAdmin(page, "/en/。evil.example");
    await expect(page).toHaveURL(`${BASE}/en`);
    expect(failures).toEqual([]);
  });
});

test.describe("6. server-action and API bodies", () => {
  /** A made-up action id: for the limit tests that must get past the edge without running an action. */
  const unknownAction = { "Next-Action": "0123456789abcdef0123456789abcdef01234567", Origin: BASE, "Content-Type": "text/plain;charset=UTF-8" };
  /** The sign-in form's real action id, as a browser sends it: without the edge, Next would read these bodies. */
  let action: Record<string, string> = unknownAction;

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage({ baseURL: BASE });
    await page.goto("/en/signin");
    const posted = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await page.locator("#email").fill(`action-probe-${Date.now()}@example.org`);
    await page.locator("#password").fill("not-the-password-123");
    await page.locator("form button[type=submit]").click();
    action = { ...unknownAction, "Next-Action": (await posted).headers()["next-action"]! };
    await page.close();
  });

  test("a foreign Origin is refused with 403 and the security headers", async () => {
    const body = '["$K1"]';
    const res = await send("POST", "/en/signin", { ...action, Origin: "https://evil.example", "Content-Length": String(body.length) }, body);
    expect(res.status).toBe(403);
    expectSecurityHeaders(res.headers);
    expect(res.body).toContain("another site");
  });

  test("an API write authenticated only by the session cookie must come from our origin (the offline outbox's PUT)", async ({ page }) => {
    await signInAdmin(page);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const week = "1999-W07";
    const body = JSON.stringify({ newlyDisplacedFamilies: 1, repeatDisplacedFamilies: 0, totalDisplacedFamilies: 1, version: 0 });
    const headers = { Cookie: cookie, "Content-Type": "application/json", "Content-Length": String(body.length) };
    for (const method of ["PUT", "DELETE"]) {
      const foreign = await send(method, method === "PUT" ? `/api/v1/reports/SY0200/${week}` : "/api/v1/imports/1", { ...headers, Origin: "https://evil.example" }, body);
      expect(foreign.status, method).toBe(403);
      expectSecurityHeaders(foreign.headers);
      expect(JSON.parse(foreign.body)).toMatchObject({ error: { code: "forbidden", key: "errors.foreignOrigin" } });
    }
    // Nothing was written: the report does not exist.
    expect((await send("GET", `/api/v1/reports/SY0200/${week}`, { Cookie: cookie })).status).toBe(404);
    // From our own page's origin, the same write goes through.
    const own = await send("PUT", `/api/v1/reports/SY0200/${week}`, { ...headers, Origin: BASE }, body);
    expect(own.status).toBe(201);
  });

  test("an action body without Content-Length is refused with 411", async () => {
    // No Content-Length: Node's client sends it chunked.
    const res = await send("POST", "/en/signin", { ...action, "Transfer-Encoding": "chunked" }, "[]");
    expect(res.status).toBe(411);
    expectSecurityHeaders(res.headers);
  });

  test("an action body over 1 MB is refused with 413, and the client receives the answer", async () => {
    const body = Buffer.alloc(2 * MB, "x");
    const res = await send("POST", "/en/signin", { ...action, "Content-Length": String(body.length) }, body);
    expect(res.status).toBe(413);
    expectSecurityHeaders(res.headers);
  });

  test("eight parallel 9.5 MB anonymous actions are all refused with 413", async () => {
    const body = Buffer.alloc(9.5 * MB, "x");
    const answers = await Promise.all(Array.from({ length: 8 }, () => send("POST", "/en/signin", { ...action, "Content-Length": String(body.length) }, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(413));
  });

  test("the area import page has its own 6 MB limit", async () => {
    const five = Buffer.alloc(5 * MB, "x");
    const ok = await send("POST", "/en/admin/areas/import", { ...unknownAction, "Content-Length": String(five.length) }, five);
    // Past the edge: Next itself answers (an unknown action id), never 413 or 500.
    expect(ok.status).not.toBe(413);
    expect(ok.status).toBeLessThan(500);
    const seven = Buffer.alloc(6 * MB + 1, "x");
    const tooLarge = await send("POST", "/en/admin/areas/import", { ...unknownAction, "Content-Length": String(seven.length) }, seven);
    expect(tooLarge.status).toBe(413);
  });

  test("an action body that is not form data is refused with 400", async () => {
    const body = "{}";
    const res = await send("POST", "/en/signin", { ...action, "Content-Type": "application/json", "Content-Length": String(body.length) }, body);
    expect(res.status).toBe(400);
    expectSecurityHeaders(res.headers);
  });

  test("a 1 MB API PUT without credentials gets its 401, not a connection reset", async () => {
    const body = Buffer.alloc(MB, "x");
    const raw = await send("PUT", "/api/v1/reports/SY0200/2020-W04", { "Content-Type": "application/json", "Content-Length": String(body.length) }, body);
    expect(raw.status).toBe(401);
    expect(JSON.parse(raw.body)).toMatchObject({ error: { code: "unauthenticated", key: "errors.unauthenticated" } });
    expectSecurityHeaders(raw.headers);
    const viaFetch = await fetch(`${BASE}/api/v1/reports/SY0200/2020-W04`, { method: "PUT", body: new Uint8Array(body), headers: { "Content-Type": "application/json" } });
    expect(viaFetch.status).toBe(401);
  });

  test("a 1 MB API PUT with a (bogus) token gets a 413, not a connection reset", async () => {
    const body = Buffer.alloc(MB, "x");
    const res = await send("PUT", "/api/v1/reports/SY0200/2020-W04", { Authorization: "Bearer rasd_not-a-token", "Content-Type": "application/json", "Content-Length": String(body.length) }, body);
    expect(res.status).toBe(413);
  });

  test("forms still work: sign-in with JavaScript and without", async ({ browser }) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signInAdmin(page);
      await context.close();
    }
  });
});

test.describe("7. transport and Content-Security-Policy", () => {
  test("with an https RASD_PUBLIC_URL every answer carries HSTS, and Auth.js uses __Secure- cookies", async () => {
    const server = await startOwnServer({ RASD_PUBLIC_URL: "https://rasd.example.org" });
    try {
      for (const path of ["/en/signin", "/api/health", "/api/v1/reports?week=2020-W04"]) {
        const res = await fetch(`${server.baseURL}${path}`, { redirect: "manual" });
        expect(res.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
      }
      const csrf = await fetch(`${server.baseURL}/api/auth/csrf`);
      expect(csrf.headers.getSetCookie().join("\n")).toMatch(/__Host-authjs\.csrf-token=[^;]+;.*Secure/i);
    } finally {
      await server.stop();
    }
  });

  test("without RASD_PUBLIC_URL there is no HSTS (plain http must keep working)", async ({ request }) => {
    for (const path of ["/en/signin", "/api/health"]) {
      const res: APIResponse = await request.get(path);
      expect(res.headers()["strict-transport-security"], path).toBeUndefined();
    }
  });

  test("pages have one CSP with a fresh nonce per request, no 'unsafe-inline' for scripts, and Next's scripts carry the nonce", async ({ request }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await request.get("/en/signin");
      const csp = res.headers()["content-security-policy"];
      expect(res.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy")).toHaveLength(1);
      const src = scriptSrc(csp);
      expect(src).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
      expect(src).not.toContain("unsafe-inline");
      const nonce = /'nonce-([^']+)'/.exec(src)?.[1] ?? "";
      nonces.add(nonce);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(2);
  });

  test("API answers keep a static policy that runs no script", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(scriptSrc(res.headers()["content-security-policy"])).toBe("script-src 'none'");
  });

  test("pages hydrate under the strict policy, with no CSP violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto("/en/signin");
    // Validation in the browser (react-hook-form) only works once React has hydrated.
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("#email-error")).toHaveText("This field is required.");
    expect(posts).toEqual([]);
    // And a signed-in page with more client components (the language switch, forms).
    await signInAdmin(page);
    await page.goto("/en/areas/SY02");
    await page.goto("/en/account");
    expect(violations).toEqual([]);
  });
});
