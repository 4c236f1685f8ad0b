/**
 * The production server: Next's request handler behind a small edge of our own
 * (docs/decisions/002-custom-server.md). Before Next sees a request it
 *  - works out the client's address (the socket, or RASD_TRUSTED_PROXIES hops into
 *    X-Forwarded-For) and hands it to the app as x-rasd-client-address;
 *  - answers a malformed address with the 404 page (pages) or a JSON 400 (API) instead of a 500;
 *  - refuses server-action bodies by their headers: foreign origin 403, no length 411,
 *    too large 413, not form data 400; and API writes without credentials 401;
 *  - adds HSTS when RASD_PUBLIC_URL is https, and gives Auth.js that URL (AUTH_URL);
 *  - gives every request an id (X-Request-Id, also handed to the app) and logs one JSON line for it;
 *  - refuses to start on a damaged database (lib/ops/check.ts), and takes scheduled backups if asked.
 * RASD_WORKERS processes (default one per core) serve the one port: this script is then the cluster's
 * primary, which checks the database, runs the timed jobs and restarts workers (scripts/workers.ts),
 * and each worker runs it again to serve requests (docs/decisions/050-one-server-process-per-core.md).
 * Bundled into one JavaScript file (scripts/server-bundle.ts, decision 062) and run as
 * `node --expose-gc .next/rasd-server.cjs` (npm start, tests/e2e/serve.sh, the tests' own servers, the benchmark).
 */
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import next from "next";
import { IMPORT_ACTION_BODY_LIMIT, readServerEnv, type ServerEnv } from "@/lib/env";
import { MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES } from "@/lib/api/body-limits";
import { decideRequest, type EdgeSettings } from "@/lib/http/edge";
import type { EdgeAnswer } from "@/lib/http/refusal";
import { HSTS } from "@/lib/http/security-headers.js";
import { loggablePath, requestIdFor } from "@/lib/http/request-log";
import { withRequestState, type RequestState } from "@/lib/http/request-state";
import { unavailablePage } from "@/lib/http/unavailable-page";
import { refusalAnswer } from "@/lib/http/refusal";
import { log } from "@/lib/log";
import { refuseToStart } from "@/lib/ops/check";
import { databasePath } from "@/db/client";
import { scheduleMaintenance } from "./maintenance";
import { superviseWorkers } from "./workers";

/** A refused body is read and dropped up to this much, so that the client sees the answer instead of a reset. */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

/**
 * Sends a refusal. Closing the connection while the client is still uploading would reset it,
 * and most clients then report the reset, not the answer: so the answer is written at once, the
 * rest of the body is read and dropped (never kept), and the connection is closed after it,
 * or sooner when the body is far too large or too slow. A client that asked to be told before
 * sending (Expect: 100-continue) never sends it, so nothing is waited for.
 */
function sendRefusal(req: http.IncomingMessage, res: http.ServerResponse, answer: EdgeAnswer, bodyWillCome: boolean): void {
  const body = req.method === "HEAD" ? "" : answer.body;
  res.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(answer.body), Connection: "close" });
  const declared = Number(req.headers["content-length"] ?? "0");
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!bodyWillCome || req.complete || (!chunked && !(declared > 0)) || declared > DRAIN_MAX_BYTES) {
    res.end(body);
    return;
  }
  res.write(body);
  let drained = 0;
  const finish = () => {
    clearTimeout(timer);
    req.removeAllListeners("data");
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(finish, DRAIN_MAX_MS);
  req.on("data", (chunk: Buffer) => {
    drained += chunk.byteLength;
    if (drained > DRAIN_MAX_BYTES) finish();
  });
  req.on("end", finish);
  req.on("error", finish);
}

/**
 * A page that failed on a full, read-only or locked database marks the request (lib/next/page-failure.ts);
 * Next would answer its blank 500 shell, so the answer is replaced here, where it is written: a 503
 * with the page of lib/http/unavailable-page.ts in the page's language
 * (docs/decisions/051-pages-on-an-unavailable-database.md); an API request marked before its handler's
 * own error handling (the token lookup) gets the API's JSON 503. Next's own bytes (compressed or not)
 * are dropped. The mark is set before Next writes anything.
 */
function answerUnavailablePage(req: http.IncomingMessage, res: http.ServerResponse, state: RequestState, requestId: string, https: boolean): void {
  const writeHead = res.writeHead.bind(res) as (status: number) => http.ServerResponse;
  const end = res.end.bind(res) as (chunk: string) => http.ServerResponse;
  let page: string | null = null;
  const takeOver = (): string => {
    if (page !== null) return page;
    // The same address again for "try again"; never a protocol-relative one (//elsewhere).
    const again = req.url?.startsWith("/") && !req.url.startsWith("//") ? req.url : "/";
    const api = again.startsWith("/api/");
    const body = api ? refusalAnswer({ status: 503, code: "unavailable", key: state.unavailable! }, true, https).body : unavailablePage(again, state.unavailable!, requestId);
    page = req.method === "HEAD" ? "" : body;
    for (const h of res.getHeaderNames()) if (!["x-request-id", "strict-transport-security", "content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options", "permissions-policy"].includes(h)) res.removeHeader(h);
    res.setHeader("Content-Type", api ? "application/json" : "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Retry-After", "30");
    res.setHeader("Content-Length", Buffer.byteLength(page));
    writeHead(503);
    return page;
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (state.unavailable) {
      takeOver();
      return res;
    }
    return (writeHead as (s: number, ...r: unknown[]) => http.ServerResponse)(status, ...rest);
  }) as typeof res.writeHead;
  const write = res.write.bind(res);
  res.write = ((...args: Parameters<typeof res.write>) => {
    if (!state.unavailable) return write(...args);
    takeOver();
    return true;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (!state.unavailable) return (end as (...a: unknown[]) => http.ServerResponse)(...args);
    const body = takeOver();
    const done = args.find((a): a is () => void => typeof a === "function");
    end(body);
    done?.();
    return res;
  }) as typeof res.end;
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const env = readServerEnv();
  if (cluster.isWorker) return serveRequests(env, () => {});
  // Once per machine, before any process serves: the start-up check, then the timed jobs.
  const refusal = refuseToStart(databasePath());
  if (refusal) {
    log.fatal({ event: "start.refused", database: databasePath() }, "database failed its start-up check");
    throw new Error(refusal);
  }
  const workers = env.RASD_WORKERS ?? os.availableParallelism();
  const stopMaintenance = scheduleMaintenance(log);
  if (workers <= 1) return serveRequests(env, stopMaintenance);
  superviseWorkers(workers, log, stopMaintenance);
}

/** One process serving requests: the only one (RASD_WORKERS=1) or a cluster worker. */
async function serveRequests(env: ServerEnv, onStop: () => void): Promise<void> {
  // Auth.js builds its URLs (and picks __Secure- cookies for https) from AUTH_URL; behind a
  // proxy the Host it would guess from is the proxy's upstream, http://localhost:PORT.
  if (env.RASD_PUBLIC_URL) process.env.AUTH_URL = env.RASD_PUBLIC_URL;
  const settings: EdgeSettings = {
    trustedProxies: env.RASD_TRUSTED_PROXIES,
    publicOrigin: env.RASD_PUBLIC_URL ?? null,
    https: env.RASD_PUBLIC_URL?.startsWith("https:") ?? false,
    limits: { body: env.RASD_ACTION_BODY_LIMIT, importBody: IMPORT_ACTION_BODY_LIMIT, apiBody: MAX_BODY_BYTES, apiImportBody: MAX_IMPORT_BODY_BYTES },
  };

  const app = next({ dev: false, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse, expectsContinue: boolean) => {
    const requestId = requestIdFor(req.headers["x-request-id"], settings.trustedProxies);
    const started = process.hrtime.bigint();
    const method = req.method ?? "GET";
    const path = loggablePath(req.url ?? "/");
    res.setHeader("X-Request-Id", requestId);
    res.once("close", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { event: "request", requestId, method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, completed: res.writableFinished };
      if (res.statusCode >= 500) log.warn(line, "request failed");
      else log.info(line, "request");
    });
    const decision = decideRequest(
      { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, socketAddress: req.socket.remoteAddress },
      settings,
    );
    if (decision.kind === "refuse") return sendRefusal(req, res, decision.answer, !expectsContinue);
    if (expectsContinue) res.writeContinue();
    req.url = decision.url;
    // The app reads the id to show it on error answers, so that a user can quote it.
    req.headers = { ...decision.headers, "x-rasd-request-id": requestId };
    // Set before Next writes anything: it keeps headers already on the response.
    if (settings.https) res.setHeader(HSTS.key, HSTS.value);
    withRequestState((state) => {
      answerUnavailablePage(req, res, state, requestId, settings.https);
      return handle(req, res);
    }).catch((e: unknown) => {
      log.error({ event: "request.unhandled", requestId, reason: e instanceof Error ? e.message : String(e) }, "unhandled error");
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end();
    });
  };

  const server = http.createServer((req, res) => onRequest(req, res, false));
  // Answering here lets a client that waits for "100 Continue" learn of a refusal before it uploads.
  server.on("checkContinue", (req, res) => onRequest(req, res, true));
  server.listen(env.PORT, env.HOST, () => log.info({ event: "start.listening", host: env.HOST, port: env.PORT }, `Rasd listening on http://${env.HOST}:${env.PORT}`));

  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.on(sig, () => {
      onStop();
      server.close();
      void app.close().finally(() => process.exit(0));
    });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
