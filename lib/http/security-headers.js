// @ts-check
/**
 * Security headers shared by next.config.js (which Next loads as CommonJS, hence a .js file),
 * the page proxy (proxy.ts: the per-request CSP) and the custom server (scripts/serve.ts:
 * its own refusals and HSTS).
 */

/**
 * The policy, with the script sources of the caller. Styles keep 'unsafe-inline': React
 * renders `style` props and the server-drawn SVG charts carry style attributes, and a nonce
 * cannot cover an attribute; a style cannot run code.
 * @param {string} scriptSrc
 */
function contentSecurityPolicy(scriptSrc) {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The offline service worker (/sw.js) and the web app manifest: without worker-src a worker
    // falls back to script-src, whose nonce a worker script cannot carry.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers, static files and the server's refusals run no script at all. */
const STATIC_CSP = contentSecurityPolicy("'none'");

/** Headers that do not change per request (the page CSP does: proxy.ts sets it with a nonce). */
const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** Sent on every response when the public URL is https: browsers then refuse plain http to this host for a year. */
const HSTS = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

module.exports = { contentSecurityPolicy, STATIC_CSP, staticSecurityHeaders, HSTS };
