import { describe, expect, it } from "vitest";
import { isApiPath, isMalformedPath, notFoundPathFor, rawPathOf } from "@/lib/http/url-check";
import { safeNext } from "@/lib/http/safe-next";
import { pcodeFromParam } from "@/lib/validation/pcode-param";

describe("isMalformedPath", () => {
  it.each(["/en/areas/%ZZ", "/en/areas/%E0", "/en/reports/%E0/2020-W04", "/en/reports/SY0200/%E0", "/api/v1/summary/%E0", "/en/areas/%ED%A0%80", "/api/health%", "/en/areas/SY02%00", "/en/areas/%1F", "/en/areas/%7F", "/en/%C2%85", "/en/areas/SY02%20"])(
    "%s is malformed",
    (path) => expect(isMalformedPath(path)).toBe(true),
  );

  it.each(["/", "/en", "/en/areas/SY02", "/en/reports/%25E0/2020-W04", "/ar/areas/%D8%AD%D9%84%D8%A8", "/en/areas/SY%2002", "/api/v1/reports/SY0200/2020-W04"])(
    "%s is readable",
    (path) => expect(isMalformedPath(path)).toBe(false),
  );
});

describe("rawPathOf, isApiPath, notFoundPathFor", () => {
  it("takes the path without query or fragment, from origin or absolute form", () => {
    expect(rawPathOf("/en/areas/SY02?week=2020-W04")).toBe("/en/areas/SY02");
    expect(rawPathOf("/api/health%?x")).toBe("/api/health%");
    expect(rawPathOf("http://host:3000/en/x#y")).toBe("/en/x");
    expect(rawPathOf("http://host")).toBe("/");
  });

  it("knows API paths", () => {
    expect(isApiPath("/api")).toBe(true);
    expect(isApiPath("/api/v1/gaps")).toBe(true);
    expect(isApiPath("/apiary")).toBe(false);
    expect(isApiPath("/en/api")).toBe(false);
  });

  it("sends a malformed page address to an unknown path under its locale (English by default)", () => {
    expect(notFoundPathFor("/ar/areas/%E0")).toMatch(/^\/ar\/[^/]+$/);
    expect(notFoundPathFor("/en")).toMatch(/^\/en\//);
    expect(notFoundPathFor("/%E0")).toMatch(/^\/en\//);
    expect(notFoundPathFor("/arx/%E0")).toMatch(/^\/en\//);
  });
});

describe("pcodeFromParam", () => {
  it.each([["SY02", "SY02"], ["SY0200", "SY0200"], ["SY020000", "SY020000"], ["C1007", "C1007"], ["sy0200", "SY0200"]])("%s is %s", (param, code) =>
    expect(pcodeFromParam(param)).toBe(code),
  );

  it.each(["%25E0", "%E0", "%C3%A9", "é", "ſY02", "SY02\u0000", "SY02%00", " SY02", "SY02 ", "SY-02", "", "S", "X".repeat(21)])("%j is no P-code", (param) =>
    expect(pcodeFromParam(param)).toBeNull(),
  );
});

describe("safeNext", () => {
  it.each([
    ["/en/areas/SY02", "ar", "/ar/areas/SY02"],
    ["/en", "en", "/en"],
    ["/ar/reports/gaps?week=2020-W04&level=3", "en", "/en/reports/gaps?week=2020-W04&level=3"],
  ])("follows %s (locale %s) to %s", (next, locale, to) => expect(safeNext(next, locale)).toBe(to));

  it.each(["/en/。evil.example", "//evil.example", "/en//evil.example", "/en/\\evil.example", "https://evil.example/en", "/fr/x", "/english", "en/areas", "/en/\u0000", "/en/é", null, 42])(
    "ignores %j",
    (next) => expect(safeNext(next, "en")).toBe("/en"),
  );
});
