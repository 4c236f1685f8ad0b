import { describe, expect, it } from "vitest";
import { newNonce, pageCsp } from "@/lib/http/csp";
import { STATIC_CSP } from "@/lib/http/security-headers.js";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("Content-Security-Policy", () => {
  it("a page's scripts need the nonce; no inline or eval in production", () => {
    const csp = pageCsp("abc123", false);
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
  });

  it("allows eval only for next dev", () => {
    expect(directive(pageCsp("n", true), "script-src")).toContain("'unsafe-eval'");
  });

  it("the static policy (API, files, refusals) runs no script", () => {
    expect(directive(STATIC_CSP, "script-src")).toBe("script-src 'none'");
  });

  it("a page may register the offline service worker and read the manifest from its own origin only", () => {
    const csp = pageCsp("n", false);
    expect(directive(csp, "worker-src")).toBe("worker-src 'self'");
    expect(directive(csp, "manifest-src")).toBe("manifest-src 'self'");
    // The worker's own script is served with the static policy: it loads no other script.
    expect(directive(STATIC_CSP, "worker-src")).toBe("worker-src 'self'");
  });

  it("nonces are fresh, base64 of 16 bytes", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});
