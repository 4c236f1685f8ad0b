import { checkActionRequest, checkApiWrite, type BodyLimits, type IncomingHeaders } from "./body-guards";
import { clientAddressOf } from "./client-address";
import { refusalAnswer, type EdgeAnswer } from "./refusal";
import { isApiPath, isMalformedPath, notFoundPathFor, rawPathOf } from "./url-check";

/** The request header that carries the client's address to the app (lib/next/session.ts clientAddress()). */
export const CLIENT_ADDRESS_HEADER = "x-rasd-client-address";

/**
 * Headers a proxy writes about the client. Without a trusted proxy they can only come from the
 * client itself, so they are dropped (Next then fills X-Forwarded-For etc. from the socket) and
 * neither Auth.js nor Next's action origin check reads a host or scheme the client made up.
 */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];

export type EdgeSettings = {
  trustedProxies: number;
  /** RASD_PUBLIC_URL's origin, or null. */
  publicOrigin: string | null;
  /** The public URL is https: every answer carries HSTS. */
  https: boolean;
  limits: BodyLimits;
};

export type EdgeRequest = { method: string; url: string; headers: IncomingHeaders; socketAddress: string | undefined };

export type EdgeDecision =
  | { kind: "forward"; url: string; headers: IncomingHeaders }
  | { kind: "refuse"; answer: EdgeAnswer };

/**
 * What the server does with a request before Next sees it: refuse it (with the answer), or
 * forward it, possibly to another URL (a malformed page address becomes the 404 page) and with
 * its headers corrected (the client address set by us alone).
 */
export function decideRequest(req: EdgeRequest, s: EdgeSettings): EdgeDecision {
  const rawPath = rawPathOf(req.url);
  const api = isApiPath(rawPath);
  const refuse = (r: Parameters<typeof refusalAnswer>[0]): EdgeDecision => ({ kind: "refuse", answer: refusalAnswer(r, api, s.https) });
  const malformed = isMalformedPath(rawPath);
  if (malformed && api) return refuse({ status: 400, code: "invalid", key: "errors.badUrl" });

  const apiWrite = checkApiWrite(req.method, rawPath, req.headers, s.limits, { publicOrigin: s.publicOrigin, trustProxyHeaders: s.trustedProxies > 0 });
  if (apiWrite) return refuse(apiWrite);
  if (!api && req.method === "POST") {
    const action = checkActionRequest({ rawPath, headers: req.headers, publicOrigin: s.publicOrigin, trustProxyHeaders: s.trustedProxies > 0, limits: s.limits });
    if (action) return refuse(action);
  }
  return { kind: "forward", url: malformed ? notFoundPathFor(rawPath) : req.url, headers: forwardedHeaders(req, s.trustedProxies) };
}

/** The request's headers as the app gets them: our client address only, and proxy headers only from a trusted proxy. */
export function forwardedHeaders(req: EdgeRequest, trustedProxies: number): IncomingHeaders {
  const headers = { ...req.headers };
  const address = clientAddressOf(req.socketAddress, headers["x-forwarded-for"], trustedProxies);
  if (trustedProxies === 0) for (const name of FORWARDING_HEADERS) delete headers[name];
  headers[CLIENT_ADDRESS_HEADER] = address;
  return headers;
}
