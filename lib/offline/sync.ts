import type { Outbox, OutboxFigures, OutboxItem, ServerCopy } from "./outbox";

/**
 * The sync loop (decision 053): sends the signed-in user's waiting items to
 * `PUT /api/v1/reports/{pcode}/{week}` with the session cookie, one at a time, oldest first. Never
 * through server actions: their ids change with every build, so a queue of them breaks after a
 * deploy. What each answer does to an item:
 *
 * - 200/201: sent (the server's new version is kept).
 * - 409: needs attention, with the server's current figures read beside the device's.
 * - 403/404/422: needs attention, with the server's message, until the person edits or discards it.
 * - 401: the session ended: the item stays waiting, the loop stops and asks to sign in again.
 * - no answer (offline), 5xx or 429: stays waiting, retried after a growing pause (backoff); the
 *   loop stops, as the next item would meet the same network.
 */

/** Backoff after `attempts` failures in a row: 5 s, 10 s, 20 s … at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
}

export type SyncDeps = {
  outbox: Outbox;
  userId: number;
  fetch: typeof fetch;
  now?: () => number;
};

export type SyncResult = {
  /** How the run ended: everything due was tried, the network failed, or the session has ended. */
  result: "ok" | "offline" | "signedOut";
  sent: number;
  attention: number;
};

const reportUrl = (item: Pick<OutboxItem, "pcode" | "week">) => `/api/v1/reports/${encodeURIComponent(item.pcode)}/${encodeURIComponent(item.week)}`;

/** The JSON body of a PUT: the figures, the version the edit started from, and "keep mine" when chosen. */
export function putBody(item: OutboxItem): string {
  return JSON.stringify({ ...item.figures, version: item.version, ...(item.keepMine ? { keepMine: true } : {}) });
}

type ErrorBody = { error?: { key?: string; values?: Record<string, string | number>; message?: string; fieldMessages?: Record<string, string> } };

async function json(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** The server's figures of a report, to show beside the device's after a 409 (null if they cannot be read now). */
async function readServerCopy(deps: SyncDeps, item: OutboxItem): Promise<ServerCopy | null> {
  try {
    const res = await deps.fetch(reportUrl(item), { headers: { Accept: "application/json", "Accept-Language": item.locale }, credentials: "same-origin", cache: "no-store", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!res.ok) return null;
    const r = (await json(res)) as (OutboxFigures & { version: number; updatedBy?: string | null; updatedAt?: string | null }) | null;
    if (!r || typeof r.version !== "number") return null;
    const sectors: OutboxFigures["sectors"] = {};
    for (const [code, s] of Object.entries(r.sectors ?? {})) sectors[code] = { gapPct: s.gapPct, familiesInNeed: s.familiesInNeed ?? null };
    return {
      newlyDisplacedFamilies: r.newlyDisplacedFamilies,
      repeatDisplacedFamilies: r.repeatDisplacedFamilies,
      totalDisplacedFamilies: r.totalDisplacedFamilies,
      individuals: r.individuals ?? null,
      sectors,
      notes: r.notes ?? "",
      source: r.source ?? "",
      status: r.status === "submitted" ? "submitted" : "draft",
      version: r.version,
      updatedBy: r.updatedBy ?? null,
      updatedAt: r.updatedAt ?? null,
    };
  } catch {
    return null;
  }
}

/**
 * Writes the outcome of sending `sent` — unless the item changed meanwhile: discarded (it stays
 * gone) or saved again (the newer copy stays waiting; if the send got through, the newer copy now
 * starts from the version just stored, since the form it was typed in showed the device's figures).
 */
async function settle(deps: SyncDeps, sent: OutboxItem, outcome: OutboxItem): Promise<void> {
  const current = await deps.outbox.get(deps.userId, sent.pcode, sent.week);
  if (!current) return;
  if (current.savedAt !== sent.savedAt) {
    if (outcome.status === "sent" && outcome.sentVersion !== null) await deps.outbox.update(deps.userId, { ...current, version: outcome.sentVersion });
    return;
  }
  await deps.outbox.update(deps.userId, outcome);
}

/**
 * A request that has had no answer by then is given up as "no answer" (waiting, with backoff): on a
 * stalled link it would otherwise hold the one loop, and "Send now" with it, for as long as the
 * browser keeps the socket. A PUT that did reach the server is then answered 409 with the same
 * figures on the next try, which counts as sent.
 */
const REQUEST_TIMEOUT_MS = 20_000;

/** Sends one item and writes its new state; returns what the loop does next. */
async function sendOne(deps: SyncDeps, item: OutboxItem, now: number): Promise<"next" | "offline" | "signedOut"> {
  const outbox = { update: (_userId: number, next: OutboxItem) => settle(deps, item, next) };
  const { userId } = deps;
  await deps.outbox.update(userId, { ...item, status: "sending" });
  let res: Response;
  try {
    res = await deps.fetch(reportUrl(item), {
      method: "PUT",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": item.locale },
      credentials: "same-origin",
      cache: "no-store",
      body: putBody(item),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    await outbox.update(userId, { ...item, status: "waiting", attempts: item.attempts + 1, nextAttemptAt: now + backoffMs(item.attempts + 1) });
    return "offline";
  }
  if (res.status === 200 || res.status === 201) {
    const body = (await json(res)) as { version?: number } | null;
    await outbox.update(userId, { ...item, status: "sent", sentAt: new Date(now).toISOString(), sentVersion: body?.version ?? null, attempts: 0, nextAttemptAt: 0, problem: null });
    return "next";
  }
  if (res.status === 401) {
    // Not the item's fault: it waits for the person to sign in again, with no backoff counted against it.
    await outbox.update(userId, { ...item, status: "waiting" });
    return "signedOut";
  }
  if (res.status === 409) {
    const server = await readServerCopy(deps, item);
    // The server already holds exactly these figures: an earlier send got through but its answer was lost
    // (the page closed, the link dropped). Nothing to decide: it was sent.
    if (server && differingFields(item.figures, server).length === 0) {
      await outbox.update(userId, { ...item, status: "sent", sentAt: new Date(now).toISOString(), sentVersion: server.version, attempts: 0, nextAttemptAt: 0, problem: null });
      return "next";
    }
    await outbox.update(userId, { ...item, status: "attention", attempts: 0, problem: { kind: "conflict", server } });
    return "next";
  }
  if (res.status === 403 || res.status === 404 || res.status === 422) {
    const err = ((await json(res)) as ErrorBody | null)?.error;
    await outbox.update(userId, {
      ...item,
      status: "attention",
      attempts: 0,
      problem: { kind: "refused", status: res.status, key: err?.key ?? "", values: err?.values ?? {}, message: err?.message ?? "", fields: err?.fieldMessages ?? {} },
    });
    return "next";
  }
  // 5xx, 429, 413…: the server could not take it now; try again later.
  await outbox.update(userId, { ...item, status: "waiting", attempts: item.attempts + 1, nextAttemptAt: now + backoffMs(item.attempts + 1) });
  return "offline";
}

/**
 * One run over the user's outbox. `force` ("Send now") ignores the backoff pauses. An item left
 * "sending" by a closed tab is waiting again. Items needing attention are not sent until the
 * person decides (edit, keep mine, take the server's, discard).
 */
export async function syncOutbox(deps: SyncDeps, opts: { force?: boolean } = {}): Promise<SyncResult> {
  const now = deps.now ?? Date.now;
  const out: SyncResult = { result: "ok", sent: 0, attention: 0 };
  const items = await deps.outbox.list(deps.userId, now());
  for (const listed of items) {
    // Read again just before sending: another tab or a new save may have changed it since the list.
    const item = await deps.outbox.get(deps.userId, listed.pcode, listed.week);
    if (!item || (item.status !== "waiting" && item.status !== "sending")) continue;
    // The queue backs off as a whole: the oldest item's pause is the network's, not its own.
    if (!opts.force && item.nextAttemptAt > now()) {
      out.result = "offline";
      break;
    }
    const next = await sendOne(deps, item, now());
    if (next !== "next") {
      out.result = next;
      break;
    }
    const after = await deps.outbox.get(deps.userId, item.pcode, item.week);
    if (after?.status === "sent") out.sent++;
    else if (after?.status === "attention") out.attention++;
  }
  await deps.outbox.setMeta({ userId: deps.userId, lastSyncAt: new Date(now()).toISOString(), lastResult: out.result });
  return out;
}

/** After a conflict, "keep mine": the device's figures go again, over the server's version, recorded as such. */
export async function keepMine(outbox: Outbox, userId: number, item: OutboxItem): Promise<OutboxItem | null> {
  if (item.problem?.kind !== "conflict" || !item.problem.server) return null;
  const next: OutboxItem = { ...item, version: item.problem.server.version, keepMine: true, status: "waiting", attempts: 0, nextAttemptAt: 0, problem: null };
  await outbox.update(userId, next);
  return next;
}

/** After a conflict, "take the server's": the device's copy is dropped. */
export async function takeServers(outbox: Outbox, userId: number, item: OutboxItem): Promise<void> {
  await outbox.discard(userId, item.id);
}

/** The fields where the device's and the server's figures differ ("sectors.nfi.gapPct" for a sector). */
export function differingFields(device: OutboxFigures, server: OutboxFigures): string[] {
  const fields: string[] = [];
  for (const f of ["newlyDisplacedFamilies", "repeatDisplacedFamilies", "totalDisplacedFamilies", "individuals", "notes", "source", "status"] as const)
    if ((device[f] ?? null) !== (server[f] ?? null)) fields.push(f);
  const codes = [...new Set([...Object.keys(device.sectors), ...Object.keys(server.sectors)])].sort();
  for (const code of codes)
    for (const k of ["gapPct", "familiesInNeed"] as const)
      if ((device.sectors[code]?.[k] ?? null) !== (server.sectors[code]?.[k] ?? null)) fields.push(`sectors.${code}.${k}`);
  return fields;
}
