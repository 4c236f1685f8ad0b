import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/**
 * The outbox: figures saved on this device and not yet accepted by the server (issue 13,
 * decision 053). It lives in IndexedDB (through idb), one item per user, area and week: a second
 * offline save of the same report replaces the first, keeping the version the edit started from.
 * Every read and write names the user, and items of another user are never returned: on a shared
 * browser, the next person to sign in neither sees nor sends them.
 *
 * Runs in the browser only (client components, the sync loop); importable by them (no server code).
 */

/** The figures as the API takes them (the output of the form's schema, without its form-only flags). */
export type OutboxFigures = {
  newlyDisplacedFamilies: number;
  repeatDisplacedFamilies: number;
  totalDisplacedFamilies: number;
  individuals: number | null;
  sectors: Record<string, { gapPct: number; familiesInNeed: number | null }>;
  notes: string;
  source: string;
  status: "draft" | "submitted";
};

/** The server's copy after a 409, shown beside the device's field by field. */
export type ServerCopy = OutboxFigures & { version: number; updatedBy: string | null; updatedAt: string | null };

export type OutboxProblem =
  | { kind: "conflict"; server: ServerCopy | null }
  /**
   * 403, 404 or 422: the server's message as a catalogue key with its values (shown in the reader's
   * language), its English text (shown when the key is unknown here) and its English field messages.
   */
  | { kind: "refused"; status: number; key: string; values: Record<string, string | number>; message: string; fields: Record<string, string> };

export type OutboxStatus = "waiting" | "sending" | "sent" | "attention";

export type OutboxItem = {
  /** `${userId}:${pcode}:${week}`: one item per report and user. */
  id: string;
  userId: number;
  pcode: string;
  week: string;
  /** The language the figures were typed in: the server answers its messages in it. */
  locale: string;
  figures: OutboxFigures;
  /** The version the edit started from (0: the report did not exist). */
  version: number;
  /** Save over the newer version on purpose (chosen after a conflict). */
  keepMine: boolean;
  status: OutboxStatus;
  /** ISO times: when the item was (last) saved on the device, and when the server took it. */
  savedAt: string;
  sentAt: string | null;
  /** The version the server stored (after "sent"). */
  sentVersion: number | null;
  /** Failed attempts in a row for lack of a connection or a server error, and when the next one may start (ms since 1970). */
  attempts: number;
  nextAttemptAt: number;
  problem: OutboxProblem | null;
};

/** Per user: when the last sync ran and how it ended. */
export type OutboxMeta = {
  userId: number;
  lastSyncAt: string | null;
  lastResult: "ok" | "offline" | "signedOut" | null;
};

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { byUser: number } };
  meta: { key: number; value: OutboxMeta };
}

export const OUTBOX_DB = "rasd-offline";

/** What an offline save puts in: the rest (status, attempts…) is the outbox's business. */
export type OutboxEntry = Pick<OutboxItem, "pcode" | "week" | "locale" | "figures" | "version"> & { keepMine?: boolean };

export const outboxItemId = (userId: number, pcode: string, week: string) => `${userId}:${pcode}:${week}`;

/** Sent items stay listed for a day, so that "sent" can be seen, then go. */
const SENT_KEPT_MS = 24 * 60 * 60 * 1000;

export type Outbox = ReturnType<typeof outboxOn>;

export async function openOutbox(name = OUTBOX_DB) {
  const db = await openDB<OutboxSchema>(name, 1, {
    upgrade(d) {
      d.createObjectStore("outbox", { keyPath: "id" }).createIndex("byUser", "userId");
      d.createObjectStore("meta", { keyPath: "userId" });
    },
  });
  return outboxOn(db);
}

function outboxOn(db: IDBPDatabase<OutboxSchema>) {
  const mine = (userId: number, item: OutboxItem | undefined) => (item && item.userId === userId ? item : undefined);
  return {
    /** This user's items, oldest saved first (the order they are sent in); sent items older than a day are dropped. */
    async list(userId: number, now = Date.now()): Promise<OutboxItem[]> {
      const items = await db.getAllFromIndex("outbox", "byUser", userId);
      const stale = items.filter((i) => i.status === "sent" && i.sentAt !== null && now - Date.parse(i.sentAt) > SENT_KEPT_MS);
      for (const i of stale) await db.delete("outbox", i.id);
      return items.filter((i) => !stale.includes(i)).sort((a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id));
    },
    async get(userId: number, pcode: string, week: string): Promise<OutboxItem | undefined> {
      return mine(userId, await db.get("outbox", outboxItemId(userId, pcode, week)));
    },
    /** Saves figures on the device: a new item, or the same report's item replaced (waiting again, its problem gone). */
    async save(userId: number, entry: OutboxEntry, now = new Date()): Promise<OutboxItem> {
      const item: OutboxItem = {
        id: outboxItemId(userId, entry.pcode, entry.week),
        userId,
        pcode: entry.pcode,
        week: entry.week,
        locale: entry.locale,
        figures: entry.figures,
        version: entry.version,
        keepMine: entry.keepMine ?? false,
        status: "waiting",
        savedAt: now.toISOString(),
        sentAt: null,
        sentVersion: null,
        attempts: 0,
        nextAttemptAt: 0,
        problem: null,
      };
      await db.put("outbox", item);
      return item;
    },
    /** Writes back an item the sync loop or a choice changed; only the owner's. */
    async update(userId: number, item: OutboxItem): Promise<void> {
      if (item.userId !== userId) throw new Error("outbox: not this user's item");
      await db.put("outbox", item);
    },
    /** Drops one item (discarded, or "take the server's"); only the owner's. */
    async discard(userId: number, id: string): Promise<boolean> {
      const item = mine(userId, await db.get("outbox", id));
      if (!item) return false;
      await db.delete("outbox", id);
      return true;
    },
    /** Items still to send or to decide on (not sent). */
    async unsentCount(userId: number): Promise<number> {
      return (await db.getAllFromIndex("outbox", "byUser", userId)).filter((i) => i.status !== "sent").length;
    },
    async meta(userId: number): Promise<OutboxMeta> {
      return (await db.get("meta", userId)) ?? { userId, lastSyncAt: null, lastResult: null };
    },
    async setMeta(meta: OutboxMeta): Promise<void> {
      await db.put("meta", meta);
    },
    close: () => db.close(),
  };
}
