// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * Next's runtime needs inline scripts for hydration; without per-request nonces we
 * allow 'unsafe-inline' for scripts but nothing from other origins (see README, Decisions).
 */
const securityHeaders = [
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

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
    // The area import posts up to 5 MB of CSV (a file, or the previewed text); the default is 1 MB.
    // Stays under the proxy's 10 MB body limit.
    serverActions: { bodySizeLimit: "10mb" },
  },
  // `npm test` runs tsc over the whole project (tests included) as its own step; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = withNextIntl(nextConfig);
