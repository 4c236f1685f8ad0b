import { describe, expect, it } from "vitest";
import { loggablePath, requestIdFor } from "@/lib/http/request-log";
import { brokenTextFields } from "@/lib/validation/zod-messages";

describe("request log lines", () => {
  it("keep the path and the query's names, never its values", () => {
    expect(loggablePath("/en/signin?next=%2Fen%2Fadmin&email=a%40b.org")).toBe("/en/signin?next=…&email=…");
    expect(loggablePath("/api/v1/reports?week=2020-W04&area=SY02")).toBe("/api/v1/reports?week=…&area=…");
    expect(loggablePath("/en/areas/SY02")).toBe("/en/areas/SY02");
    expect(loggablePath("/x?a\"b=1")).toBe("/x?a_b=…");
  });
  it("a request id is new unless a trusted proxy sent one", () => {
    const fresh = requestIdFor("client-made-up", 0);
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor("proxy-id-123", 1)).toBe("proxy-id-123");
    expect(requestIdFor("bad id with spaces", 1)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("text that is not valid Unicode", () => {
  it("names every field holding a lone surrogate, nested too; a whole pair is fine", () => {
    expect(brokenTextFields({ notes: "a\ud800b", source: "ok", sectors: { nfi: { note: "\udfff" } }, list: ["x", "\ud83d"] })).toEqual({
      notes: { key: "validation.invalidText" },
      "sectors.nfi.note": { key: "validation.invalidText" },
      "list.1": { key: "validation.invalidText" },
    });
    expect(brokenTextFields({ notes: "👍 نص" })).toEqual({});
  });
});
