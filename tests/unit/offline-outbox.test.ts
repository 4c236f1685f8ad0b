import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openOutbox, type Outbox, type OutboxEntry, type OutboxFigures } from "@/lib/offline/outbox";
import { backoffMs, differingFields, keepMine, putBody, syncOutbox, takeServers } from "@/lib/offline/sync";

/**
 * The outbox (IndexedDB through idb, here fake-indexeddb) and the sync loop, against a fake
 * server that answers as API v1 does: who owns an item, what each answer does to it, one item at
 * a time, the backoff, and a session that ends halfway through the queue.
 */

const FIGURES: OutboxFigures = {
  newlyDisplacedFamilies: 6077,
  repeatDisplacedFamilies: 6077,
  totalDisplacedFamilies: 11000,
  individuals: null,
  sectors: { food_security: { gapPct: 91, familiesInNeed: null } },
  notes: "",
  source: "",
  status: "submitted",
};
const entry = (pcode: string, week = "2019-W20", more: Partial<OutboxEntry> = {}): OutboxEntry => ({ pcode, week, locale: "en", figures: FIGURES, version: 0, ...more });

type Call = { method: string; url: string; body: unknown };
/** A fake API: `answer` decides each PUT's status; calls are recorded in order. */
function fakeServer(answer: (call: Call, n: number) => number | "network", server: Record<string, unknown> = {}) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    const call = { method: init?.method ?? "GET", url, body: init?.body ? JSON.parse(String(init.body)) : null };
    calls.push(call);
    if (call.method === "GET") return Response.json({ ...FIGURES, totalDisplacedFamilies: 12000, version: 4, updatedBy: "Other", updatedAt: "2019-05-20T10:00:00Z", ...server });
    const status = answer(call, calls.filter((c) => c.method === "PUT").length);
    if (status === "network") throw new TypeError("Failed to fetch");
    if (status >= 400) return Response.json({ error: { code: "x", key: "errors.x", message: `refused ${status}`, fieldMessages: status === 422 ? { totalDisplacedFamilies: "Too many" } : {} } }, { status });
    return Response.json({ ...(call.body as object), version: 7 }, { status });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

let outbox: Outbox;
let n = 0;
beforeEach(async () => {
  outbox = await openOutbox(`test-outbox-${++n}`);
});
afterEach(() => outbox.close());

describe("outbox", () => {
  it("keeps one item per user, area and week; a second save replaces the first and waits again", async () => {
    await outbox.save(1, entry("SY0200"));
    await outbox.save(1, entry("SY0200", "2019-W20", { figures: { ...FIGURES, totalDisplacedFamilies: 11100 }, version: 3 }));
    await outbox.save(1, entry("SY0201"));
    const items = await outbox.list(1);
    expect(items.map((i) => [i.pcode, i.status, i.version, i.figures.totalDisplacedFamilies])).toEqual([
      ["SY0200", "waiting", 3, 11100],
      ["SY0201", "waiting", 0, 11000],
    ]);
    expect(await outbox.unsentCount(1)).toBe(2);
  });

  it("never shows, changes or discards another user's items", async () => {
    const mine = await outbox.save(1, entry("SY0200"));
    expect(await outbox.list(2)).toEqual([]);
    expect(await outbox.get(2, "SY0200", "2019-W20")).toBeUndefined();
    expect(await outbox.discard(2, mine.id)).toBe(false);
    await expect(outbox.update(2, mine)).rejects.toThrow();
    expect(await outbox.list(1)).toHaveLength(1);
  });

  it("discards one item on its own", async () => {
    const a = await outbox.save(1, entry("SY0200"));
    await outbox.save(1, entry("SY0201"));
    expect(await outbox.discard(1, a.id)).toBe(true);
    expect((await outbox.list(1)).map((i) => i.pcode)).toEqual(["SY0201"]);
  });

  it("lists sent items for a day, then drops them", async () => {
    const a = await outbox.save(1, entry("SY0200"));
    await outbox.update(1, { ...a, status: "sent", sentAt: "2019-05-20T10:00:00.000Z" });
    expect(await outbox.list(1, Date.parse("2019-05-21T09:00:00Z"))).toHaveLength(1);
    expect(await outbox.list(1, Date.parse("2019-05-21T11:00:00Z"))).toHaveLength(0);
    expect(await outbox.get(1, "SY0200", "2019-W20")).toBeUndefined();
  });
});

describe("sync loop", () => {
  it("sends waiting items one at a time, oldest first, as PUTs of the figures with the version they started from", async () => {
    await outbox.save(1, entry("SY0200", "2019-W20", { version: 2 }), new Date("2019-05-20T08:00:00Z"));
    await outbox.save(1, entry("SY0201"), new Date("2019-05-20T09:00:00Z"));
    await outbox.save(2, entry("SY0202"));
    const server = fakeServer(() => 200);
    const res = await syncOutbox({ outbox, userId: 1, fetch: server.fetch });
    expect(res).toEqual({ result: "ok", sent: 2, attention: 0 });
    expect(server.calls.map((c) => [c.method, c.url])).toEqual([
      ["PUT", "/api/v1/reports/SY0200/2019-W20"],
      ["PUT", "/api/v1/reports/SY0201/2019-W20"],
    ]);
    expect(server.calls[0]!.body).toEqual({ ...FIGURES, version: 2 });
    expect((await outbox.list(1)).map((i) => [i.status, i.sentVersion])).toEqual([
      ["sent", 7],
      ["sent", 7],
    ]);
    // The other user's item was neither sent nor touched.
    expect((await outbox.list(2))[0]!.status).toBe("waiting");
    expect(await outbox.meta(1)).toMatchObject({ lastResult: "ok", lastSyncAt: expect.any(String) });
  });

  it("without a connection: keeps the item waiting, backs off, and stops (the next item is not tried)", async () => {
    await outbox.save(1, entry("SY0200"), new Date("2019-05-20T08:00:00Z"));
    await outbox.save(1, entry("SY0201"), new Date("2019-05-20T09:00:00Z"));
    let now = 1_000_000;
    const server = fakeServer(() => "network");
    expect(await syncOutbox({ outbox, userId: 1, fetch: server.fetch, now: () => now })).toMatchObject({ result: "offline", sent: 0 });
    expect(server.calls).toHaveLength(1);
    let [first] = await outbox.list(1);
    expect(first).toMatchObject({ status: "waiting", attempts: 1, nextAttemptAt: now + 5_000 });

    // Within the pause nothing is tried, unless "Send now" forces it.
    now += 4_000;
    await syncOutbox({ outbox, userId: 1, fetch: server.fetch, now: () => now });
    expect(server.calls).toHaveLength(1);
    await syncOutbox({ outbox, userId: 1, fetch: server.fetch, now: () => now }, { force: true });
    expect(server.calls).toHaveLength(2);
    [first] = await outbox.list(1);
    expect(first).toMatchObject({ attempts: 2, nextAttemptAt: now + 10_000 });
    expect([1, 2, 3, 4, 8, 20].map(backoffMs)).toEqual([5_000, 10_000, 20_000, 40_000, 300_000, 300_000]);
  });

  it("a server error (503) is retried later like a lost connection", async () => {
    await outbox.save(1, entry("SY0200"));
    const server = fakeServer((_c, i) => (i === 1 ? 503 : 200));
    expect((await syncOutbox({ outbox, userId: 1, fetch: server.fetch })).result).toBe("offline");
    expect((await outbox.list(1))[0]).toMatchObject({ status: "waiting", attempts: 1 });
    expect(await syncOutbox({ outbox, userId: 1, fetch: server.fetch }, { force: true })).toMatchObject({ result: "ok", sent: 1 });
  });

  it("a 401 halfway through the queue: what was sent stays sent, the rest waits without backoff, and the loop asks to sign in", async () => {
    for (const [i, p] of ["SY0200", "SY0201", "SY0202"].entries()) await outbox.save(1, entry(p), new Date(Date.UTC(2019, 4, 20, 8 + i)));
    const server = fakeServer((_c, i) => (i === 1 ? 200 : 401));
    expect(await syncOutbox({ outbox, userId: 1, fetch: server.fetch })).toEqual({ result: "signedOut", sent: 1, attention: 0 });
    expect(server.calls.filter((c) => c.method === "PUT")).toHaveLength(2);
    expect((await outbox.list(1)).map((i) => [i.pcode, i.status, i.attempts, i.nextAttemptAt])).toEqual([
      ["SY0200", "sent", 0, 0],
      ["SY0201", "waiting", 0, 0],
      ["SY0202", "waiting", 0, 0],
    ]);
    expect((await outbox.meta(1)).lastResult).toBe("signedOut");
    // Signed in again: the rest goes.
    const again = fakeServer(() => 200);
    expect(await syncOutbox({ outbox, userId: 1, fetch: again.fetch })).toMatchObject({ result: "ok", sent: 2 });
  });

  it("a 409 needs attention, with the server's figures beside the device's; keep mine sends them over the new version, flagged", async () => {
    await outbox.save(1, entry("SY0200", "2019-W20", { version: 3 }));
    const server = fakeServer((c) => ((c.body as { version: number }).version === 4 ? 200 : 409));
    expect(await syncOutbox({ outbox, userId: 1, fetch: server.fetch })).toEqual({ result: "ok", sent: 0, attention: 1 });
    const [item] = await outbox.list(1);
    expect(item).toMatchObject({ status: "attention", problem: { kind: "conflict", server: { version: 4, totalDisplacedFamilies: 12000, updatedBy: "Other" } } });
    expect(differingFields(item!.figures, (item!.problem as { server: OutboxFigures }).server)).toEqual(["totalDisplacedFamilies"]);
    // Not sent again until the person decides.
    await syncOutbox({ outbox, userId: 1, fetch: server.fetch }, { force: true });
    expect(server.calls.filter((c) => c.method === "PUT")).toHaveLength(1);

    const kept = await keepMine(outbox, 1, item!);
    expect(JSON.parse(putBody(kept!))).toMatchObject({ version: 4, keepMine: true, totalDisplacedFamilies: 11000 });
    expect(await syncOutbox({ outbox, userId: 1, fetch: server.fetch })).toMatchObject({ sent: 1 });
    expect(server.calls.at(-1)!.body).toMatchObject({ version: 4, keepMine: true });
  });

  it("a 409 whose server copy equals the device's (an earlier send got through, its answer was lost) counts as sent", async () => {
    await outbox.save(1, entry("SY0200"));
    const server = fakeServer(() => 409, { totalDisplacedFamilies: 11000, version: 1 });
    expect(await syncOutbox({ outbox, userId: 1, fetch: server.fetch })).toMatchObject({ sent: 1, attention: 0 });
    expect((await outbox.list(1))[0]).toMatchObject({ status: "sent", sentVersion: 1, problem: null });
  });

  it("take the server's drops the device's copy", async () => {
    await outbox.save(1, entry("SY0200", "2019-W20", { version: 3 }));
    await syncOutbox({ outbox, userId: 1, fetch: fakeServer(() => 409).fetch });
    const [item] = await outbox.list(1);
    await takeServers(outbox, 1, item!);
    expect(await outbox.list(1)).toEqual([]);
  });

  it("403 and 422 need attention with the server's message, and the loop goes on to the next item", async () => {
    await outbox.save(1, entry("SY0200"), new Date("2019-05-20T08:00:00Z"));
    await outbox.save(1, entry("SY0201"), new Date("2019-05-20T09:00:00Z"));
    await outbox.save(1, entry("SY0202"), new Date("2019-05-20T10:00:00Z"));
    const server = fakeServer((_c, i) => [403, 422, 201][i - 1]!);
    expect(await syncOutbox({ outbox, userId: 1, fetch: server.fetch })).toEqual({ result: "ok", sent: 1, attention: 2 });
    const items = await outbox.list(1);
    expect(items[0]).toMatchObject({ status: "attention", problem: { kind: "refused", status: 403, message: "refused 403" } });
    expect(items[1]).toMatchObject({ status: "attention", problem: { kind: "refused", status: 422, fields: { totalDisplacedFamilies: "Too many" } } });
    expect(items[2]!.status).toBe("sent");
    // Editing it (a new save) puts it back in the queue.
    await outbox.save(1, entry("SY0200"));
    expect((await outbox.get(1, "SY0200", "2019-W20"))!.status).toBe("waiting");
  });

  it("figures saved again while the previous copy is being sent are kept, and start from the version just stored", async () => {
    await outbox.save(1, entry("SY0200", "2019-W20", { version: 2 }));
    let saveDuringSend: Promise<unknown> | null = null;
    const slow = fakeServer(() => {
      saveDuringSend = outbox.save(1, entry("SY0200", "2019-W20", { version: 2, figures: { ...FIGURES, totalDisplacedFamilies: 11500 } }), new Date(Date.now() + 1000));
      return 200;
    });
    const fetchThenSave = (async (url: string, init?: RequestInit) => {
      const res = await slow.fetch(url, init);
      await saveDuringSend;
      return res;
    }) as unknown as typeof fetch;
    await syncOutbox({ outbox, userId: 1, fetch: fetchThenSave });
    const [item] = await outbox.list(1);
    expect(item).toMatchObject({ status: "waiting", version: 7, figures: { totalDisplacedFamilies: 11500 } });
  });

  it("an item discarded while it is being sent stays discarded", async () => {
    const a = await outbox.save(1, entry("SY0200"));
    const server = fakeServer(() => 200);
    const discardDuring = (async (url: string, init?: RequestInit) => {
      await outbox.discard(1, a.id);
      return server.fetch(url, init);
    }) as unknown as typeof fetch;
    await syncOutbox({ outbox, userId: 1, fetch: discardDuring });
    expect(await outbox.list(1)).toEqual([]);
  });

  it("an item left 'sending' by a closed tab is sent again", async () => {
    const a = await outbox.save(1, entry("SY0200"));
    await outbox.update(1, { ...a, status: "sending" });
    expect(await syncOutbox({ outbox, userId: 1, fetch: fakeServer(() => 200).fetch })).toMatchObject({ sent: 1 });
  });
});
