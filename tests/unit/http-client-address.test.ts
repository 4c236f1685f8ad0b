import { describe, expect, it } from "vitest";
import { clientAddressOf } from "@/lib/http/client-address";
import { forwardedHeaders } from "@/lib/http/edge";

describe("clientAddressOf", () => {
  it("without a trusted proxy, is the socket whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(clientAddressOf("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(clientAddressOf("203.0.113.7", ["1.1.1.1", "2.2.2.2"], 0)).toBe("203.0.113.7");
  });

  it("with one proxy (nginx $proxy_add_x_forwarded_for), is the entry that proxy appended, not what the client sent", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the address it saw.
    expect(clientAddressOf("10.0.0.2", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddressOf("10.0.0.2", "203.0.113.7", 1)).toBe("203.0.113.7");
  });

  it("with two proxies, counts two hops from the right", () => {
    expect(clientAddressOf("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.9", 2)).toBe("203.0.113.7");
  });

  it("a chain shorter than the hops (a request that bypassed the proxy) gives its leftmost address", () => {
    expect(clientAddressOf("203.0.113.7", undefined, 1)).toBe("203.0.113.7");
    expect(clientAddressOf("10.0.0.2", "203.0.113.7", 3)).toBe("203.0.113.7");
  });

  it("an entry that is not an IP address falls back to the socket", () => {
    expect(clientAddressOf("10.0.0.2", "unknown", 1)).toBe("10.0.0.2");
    expect(clientAddressOf("10.0.0.2", "<script>", 1)).toBe("10.0.0.2");
  });

  it("reads IPv4-mapped IPv6 as IPv4 and keeps IPv6", () => {
    expect(clientAddressOf("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    expect(clientAddressOf("::1", undefined, 0)).toBe("::1");
    expect(clientAddressOf("10.0.0.2", "2001:db8::1", 1)).toBe("2001:db8::1");
  });

  it("is 'unknown' without a socket address", () => {
    expect(clientAddressOf(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("forwardedHeaders", () => {
  const req = (headers: Record<string, string>) => ({ method: "GET", url: "/en", headers, socketAddress: "127.0.0.1" });

  it("replaces a client-sent x-rasd-client-address with the computed one", () => {
    const h = forwardedHeaders(req({ "x-rasd-client-address": "6.6.6.6", "x-forwarded-for": "7.7.7.7" }), 0);
    expect(h["x-rasd-client-address"]).toBe("127.0.0.1");
  });

  it("25 different spoofed X-Forwarded-For values from one socket are one address", () => {
    const seen = new Set(Array.from({ length: 25 }, (_, i) => forwardedHeaders(req({ "x-forwarded-for": `198.51.100.${i}` }), 0)["x-rasd-client-address"]));
    expect([...seen]).toEqual(["127.0.0.1"]);
  });

  it("drops forwarding headers without a trusted proxy, keeps them with one", () => {
    const sent = { "x-forwarded-for": "7.7.7.7", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", forwarded: "for=7.7.7.7", "x-real-ip": "7.7.7.7", host: "rasd.local" };
    const direct = forwardedHeaders(req(sent), 0);
    expect(Object.keys(direct).sort()).toEqual(["host", "x-rasd-client-address"]);
    const proxied = forwardedHeaders(req(sent), 1);
    expect(proxied["x-forwarded-host"]).toBe("evil.example");
    expect(proxied["x-rasd-client-address"]).toBe("7.7.7.7");
  });
});
