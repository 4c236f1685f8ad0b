// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const { STATIC_CSP, staticSecurityHeaders } = require("./lib/http/security-headers.js");

/**
 * Every response gets these. Pages get a stricter, per-request policy from proxy.ts (a nonce for
 * Next's scripts), which replaces this Content-Security-Policy; everything else (API answers,
 * static files) runs no script and keeps STATIC_CSP (see docs/decisions/001-strict-csp-with-nonces.md).
 */
const securityHeaders = [{ key: "Content-Security-Policy", value: STATIC_CSP }, ...staticSecurityHeaders];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // better-sqlite3 and argon2 are native modules, and exceljs (XLSX exports) requires its zip and stream
  // dependencies dynamically: load them from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "exceljs"],
  // Never log server action arguments: they include passwords.
  logging: { serverFunctions: false },
  experimental: {
    authInterrupts: true,
    // Only a backstop: the custom server (scripts/serve.ts) refuses larger action bodies first, from
    // their Content-Length (1 MB, RASD_ACTION_BODY_LIMIT; the area import page, which posts up to 5 MB
    // of CSV, 6 MB). This is the largest of those limits (IMPORT_ACTION_BODY_LIMIT in lib/env.ts).
    serverActions: { bodySizeLimit: "6mb" },
  },
  // `npm test` runs tsc over the whole project (tests included) as its own step; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = withNextIntl(nextConfig);
