import createMiddleware from "next-intl/middleware";
import type { NextRequest } from "next/server";
import { newNonce, pageCsp } from "./lib/http/csp";
import { routing } from "./lib/i18n/routing";

const localeRouting = createMiddleware(routing);

/**
 * Locale routing (next-intl) and each page's Content-Security-Policy with a fresh nonce, set on
 * the request (Next applies the nonce to its scripts from there) and on the response. Never an
 * authorization guard: that is checked in lib/ on every read and write.
 */
export default function proxy(request: NextRequest) {
  const csp = pageCsp(newNonce());
  // next-intl forwards the request's headers to the render, this one included. (Set in place rather
  // than on a copied request, which would take over the body of a server action's POST.)
  request.headers.set("content-security-policy", csp);
  const response = localeRouting(request);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // API routes, Next's static files and files with an extension keep next.config.js's static policy.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
