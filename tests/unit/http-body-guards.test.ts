import { describe, expect, it } from "vitest";
import { checkActionRequest, checkApiWrite, checkCookieApiOrigin, isJsonType } from "@/lib/http/body-guards";
import { decideRequest, type EdgeSettings } from "@/lib/http/edge";

const MB = 1024 * 1024;
const limits = { body: MB, importBody: 6 * MB, apiBody: 64 * 1024, apiImportBody: 5 * MB + 64 * 1024 };
const API = limits;
const form = { host: "127.0.0.1:3320", origin: "http://127.0.0.1:3320", "content-type": "multipart/form-data; boundary=x", "content-length": "1000" };
/** The headers without one of them. */
const without = (h: Record<string, string>, name: string) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== name));
const action = (headers: Record<string, string>, rawPath = "/en/signin", publicOrigin: string | null = null, trustProxyHeaders = false) =>
  checkActionRequest({ rawPath, headers, publicOrigin, trustProxyHeaders, limits })?.status ?? null;

describe("checkActionRequest", () => {
  it("lets a same-origin form through (multipart, text/plain, urlencoded; with or without Origin)", () => {
    expect(action(form)).toBeNull();
    expect(action({ ...form, "content-type": "text/plain;charset=UTF-8" })).toBeNull();
    expect(action({ ...form, "content-type": "application/x-www-form-urlencoded" })).toBeNull();
    expect(action(without(form, "origin"))).toBeNull();
  });

  it("refuses a foreign or unreadable Origin with 403", () => {
    expect(action({ ...form, origin: "https://evil.example" })).toBe(403);
    expect(action({ ...form, origin: "null" })).toBe(403);
    expect(action({ ...form, origin: "http://127.0.0.1:3321" })).toBe(403);
  });

  it("accepts the public URL's origin, and the forwarded host only from a trusted proxy", () => {
    expect(action({ ...form, host: "127.0.0.1:3000", origin: "https://rasd.example.org" }, "/en", "https://rasd.example.org")).toBeNull();
    const viaProxy = { ...form, host: "127.0.0.1:3000", "x-forwarded-host": "rasd.example.org", origin: "https://rasd.example.org" };
    expect(action(viaProxy, "/en", null, true)).toBeNull();
    expect(action(viaProxy, "/en", null, false)).toBe(403);
  });

  it("411 without Content-Length, 400 for a bad one", () => {
    expect(action(without(form, "content-length"))).toBe(411);
    expect(action({ ...form, "content-length": "12abc" })).toBe(400);
  });

  it("413 over the limit, before the body; the import page has 6 MB", () => {
    expect(action({ ...form, "content-length": String(MB) })).toBeNull();
    expect(action({ ...form, "content-length": String(MB + 1) })).toBe(413);
    expect(action({ ...form, "content-length": String(5 * MB) }, "/en/admin/areas/import")).toBeNull();
    expect(action({ ...form, "content-length": String(5 * MB) }, "/ar/admin/areas/import/")).toBeNull();
    expect(action({ ...form, "content-length": String(6 * MB + 1) }, "/en/admin/areas/import")).toBe(413);
    expect(action({ ...form, "content-length": String(5 * MB) }, "/en/admin/areas/import/x")).toBe(413);
  });

  it("400 for a body that is not what Next sends", () => {
    expect(action({ ...form, "content-type": "application/json" })).toBe(400);
    expect(action(without(form, "content-type"))).toBe(400);
  });
});

describe("checkApiWrite", () => {
  it("401 for PUT/POST/PATCH to API v1 with neither token nor session cookie", () => {
    for (const m of ["PUT", "POST", "PATCH"]) expect(checkApiWrite(m, "/api/v1/reports/SY0200/2020-W04", { "content-length": "10" }, API)?.status).toBe(401);
    expect(checkApiWrite("PUT", "/api/v1/reports/SY0200/2020-W04", { cookie: "theme=dark; other=1" }, API)?.status).toBe(401);
  });

  it("gives a figures file posted to /api/v1/imports its own, larger limit (and only there)", () => {
    const auth = { authorization: "Bearer x" };
    expect(checkApiWrite("POST", "/api/v1/imports", { ...auth, "content-length": String(3 * MB) }, API)).toBeNull();
    expect(checkApiWrite("POST", "/api/v1/imports?dryRun=true", { ...auth, "content-length": String(3 * MB) }, API)).toBeNull();
    expect(checkApiWrite("POST", "/api/v1/imports", { ...auth, "content-length": String(6 * MB) }, API)?.status).toBe(413);
    expect(checkApiWrite("PUT", "/api/v1/reports/SY0200/2020-W04", { ...auth, "content-length": String(3 * MB) }, API)?.status).toBe(413);
  });

  it("lets through a bearer token, a session cookie (plain, __Secure-, chunked), reads and other paths", () => {
    const path = "/api/v1/reports/SY0200/2020-W04";
    const len = { "content-length": "300", "content-type": "application/json" };
    expect(checkApiWrite("PUT", path, { ...len, authorization: "Bearer x" }, API)).toBeNull();
    expect(checkApiWrite("PUT", path, { ...len, cookie: "authjs.session-token=abc" }, API)).toBeNull();
    expect(checkApiWrite("PUT", path, { ...len, cookie: "a=1; __Secure-authjs.session-token=abc" }, API)).toBeNull();
    expect(checkApiWrite("PUT", path, { ...len, cookie: "authjs.session-token.0=abc; authjs.session-token.1=def" }, API)).toBeNull();
    expect(checkApiWrite("GET", path, {}, API)).toBeNull();
    expect(checkApiWrite("POST", "/api/auth/signout", {}, API)).toBeNull();
  });

  it("with credentials, a body must state its length (411) and stay within the API's limit (413)", () => {
    const path = "/api/v1/reports/SY0200/2020-W04";
    const auth = { authorization: "Bearer x", "content-type": "application/json; charset=utf-8" };
    expect(checkApiWrite("PUT", path, auth, API)?.status).toBe(411);
    expect(checkApiWrite("PUT", path, { ...auth, "content-length": "65536" }, API)).toBeNull();
    expect(checkApiWrite("PUT", path, { ...auth, "content-length": "65537" }, API)?.status).toBe(413);
    expect(checkApiWrite("PUT", path, { ...auth, "content-length": "-1" }, API)?.status).toBe(400);
  });
});

describe("API writes authenticated by the session cookie come from our origin", () => {
  const path = "/api/v1/reports/SY0200/2020-W04";
  const cookie = { cookie: "authjs.session-token=abc", "content-length": "300", "content-type": "application/json", host: "rasd.example" };
  const here = { publicOrigin: null, trustProxyHeaders: false };
  it("refuses a cookie write from another site (PUT, POST, PATCH, DELETE), before its length or type is judged", () => {
    for (const m of ["PUT", "POST", "PATCH", "DELETE"])
      expect(checkApiWrite(m, path, { ...cookie, origin: "https://evil.example" }, API, here), m).toEqual({ status: 403, code: "forbidden", key: "errors.foreignOrigin" });
    expect(checkApiWrite("PUT", path, { cookie: cookie.cookie, host: "rasd.example", origin: "null" }, API, here)?.status).toBe(403);
    expect(checkCookieApiOrigin("DELETE", "/api/v1/imports/3", { ...cookie, origin: "https://rasd.example.evil.example" }, here)?.status).toBe(403);
  });
  it("lets the same origin, the configured public origin, a request without Origin, a bearer token and reads through", () => {
    expect(checkApiWrite("PUT", path, { ...cookie, origin: "http://rasd.example" }, API, here)).toBeNull();
    expect(checkApiWrite("PUT", path, { ...cookie, origin: "https://rasd.org" }, API, { publicOrigin: "https://rasd.org", trustProxyHeaders: false })).toBeNull();
    expect(checkApiWrite("PUT", path, cookie, API, here)).toBeNull();
    expect(checkApiWrite("PUT", path, { ...cookie, authorization: "Bearer x", origin: "https://evil.example" }, API, here)).toBeNull();
    expect(checkCookieApiOrigin("GET", path, { ...cookie, origin: "https://evil.example" }, here)).toBeNull();
  });
  it("is applied at the edge with the server's settings", () => {
    const settings: EdgeSettings = { trustedProxies: 0, publicOrigin: null, https: false, limits };
    const refused = decideRequest({ method: "PUT", url: path, headers: { ...cookie, origin: "https://evil.example" }, socketAddress: "127.0.0.1" }, settings);
    expect(refused.kind).toBe("refuse");
    expect(decideRequest({ method: "PUT", url: path, headers: { ...cookie, origin: "http://rasd.example" }, socketAddress: "127.0.0.1" }, settings).kind).toBe("forward");
  });
});

describe("API bodies must be JSON (415)", () => {
  const path = "/api/v1/reports/SY0200/2020-W04";
  const auth = { authorization: "Bearer x", "content-length": "300" };
  it("refuses XML, plain text, form data, another charset or no type at all", () => {
    for (const type of ["application/xml", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/jsonx", undefined]) {
      const headers: Record<string, string> = type === undefined ? auth : { ...auth, "content-type": type };
      expect(checkApiWrite("PUT", path, headers, API), String(type)).toEqual({ status: 415, code: "unsupported_media_type", key: "errors.notJson" });
    }
  });
  it("accepts JSON in any spelling a client sends, and an empty body needs no type", () => {
    for (const type of ["application/json", "Application/JSON", "application/json; charset=utf-8", 'application/json;charset="UTF-8"', "application/merge-patch+json"])
      expect(checkApiWrite("PUT", path, { ...auth, "content-type": type }, API), type).toBeNull();
    expect(isJsonType(undefined)).toBe(false);
    expect(checkApiWrite("PUT", path, { authorization: "Bearer x", "content-length": "0" }, API)).toBeNull();
  });
});

describe("decideRequest", () => {
  const settings: EdgeSettings = { trustedProxies: 0, publicOrigin: null, https: false, limits };
  const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers, socketAddress: "127.0.0.1" });

  it("answers a malformed API address with the JSON 400 and the security headers", () => {
    const d = decideRequest(req("GET", "/api/v1/summary/%E0"), settings);
    expect(d.kind).toBe("refuse");
    if (d.kind !== "refuse") return;
    expect(d.answer.status).toBe(400);
    expect(JSON.parse(d.answer.body)).toEqual({ error: { code: "invalid", key: "errors.badUrl", message: expect.any(String) } });
    expect(d.answer.headers["Content-Security-Policy"]).toContain("default-src 'self'");
    expect(d.answer.headers["X-Frame-Options"]).toBe("DENY");
    expect(d.answer.headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("sends a malformed page address to the 404 page, keeping the locale", () => {
    const d = decideRequest(req("GET", "/ar/areas/%E0?x=1"), settings);
    expect(d.kind === "forward" && d.url.startsWith("/ar/")).toBe(true);
  });

  it("adds HSTS to refusals when the public URL is https", () => {
    const d = decideRequest(req("PUT", "/api/v1/reports/SY0200/2020-W04"), { ...settings, https: true });
    expect(d.kind === "refuse" && d.answer.status === 401 && d.answer.headers["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("forwards an ordinary page request unchanged but for the address header", () => {
    const d = decideRequest(req("GET", "/en/areas/SY02?week=2020-W04", { host: "h" }), settings);
    expect(d).toEqual({ kind: "forward", url: "/en/areas/SY02?week=2020-W04", headers: { host: "h", "x-rasd-client-address": "127.0.0.1" } });
  });
});
