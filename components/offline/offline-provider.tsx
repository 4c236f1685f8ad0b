"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { openOutbox, type Outbox, type OutboxEntry, type OutboxItem, type OutboxMeta } from "@/lib/offline/outbox";
import { syncOutbox, type SyncResult } from "@/lib/offline/sync";

/**
 * The offline layer of every page (issue 13, decision 053), a progressive enhancement: without
 * JavaScript or without service workers the pages work as before. It
 *
 * - registers the service worker (/sw.js);
 * - keeps the page cache to one person: when someone else signs in, or nobody is signed in (the
 *   sign-in page, after signing out), the cached pages are deleted (decision 054);
 * - opens the signed-in user's outbox and runs the sync loop when the app opens, when the
 *   connection returns, every 30 s while something waits (the loop honours its backoff), and on
 *   "Send now";
 * - asks the browser to keep the outbox (`navigator.storage.persist()`) once something is saved.
 */

/** Also in lib/offline/service-worker.ts. */
const PAGES_CACHE = "rasd-pages";
/** Whose pages the cache holds (the user id), in localStorage. */
const PAGES_OWNER = "rasd.pagesOwner";

type OfflineState = {
  userId: number | null;
  /** This user's items and sync state; `revision` moves on every change, so that lists re-read. */
  items: OutboxItem[];
  meta: OutboxMeta | null;
  online: boolean;
  syncing: boolean;
  /** persist() was asked and refused: the panel says the browser may clear the outbox. */
  persistDenied: boolean;
  save: (entry: OutboxEntry) => Promise<OutboxItem | null>;
  /** Runs the sync loop now; `force` skips the backoff pauses ("Send now"). */
  sync: (force?: boolean) => Promise<SyncResult | null>;
  /** Runs a change on the outbox (discard, keep mine…) and re-reads the list. */
  change: (fn: (outbox: Outbox, userId: number) => Promise<unknown>) => Promise<void>;
  /** Keeps these pages for offline use (My week: the entry pages of the coordinator's areas), once the cache is this user's. */
  warm: (hrefs: string[]) => Promise<void>;
};

function subscribeOnline(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

const OfflineContext = createContext<OfflineState | null>(null);

export function useOffline(): OfflineState | null {
  return useContext(OfflineContext);
}

async function clearPages() {
  if (typeof caches !== "undefined") await caches.delete(PAGES_CACHE);
}

/** Keeps the page cache to the person signed in now (see decision 054). */
async function keepPagesToOwner(userId: number | null) {
  let owner: string | null = null;
  try {
    owner = localStorage.getItem(PAGES_OWNER);
  } catch {
    return;
  }
  if (userId === null) {
    await clearPages();
    localStorage.removeItem(PAGES_OWNER);
    return;
  }
  // Nobody recorded: the cache was emptied at the last sign-out or sign-in page (or never used), and what
  // it holds now was fetched for this user.
  if (owner !== null && owner !== String(userId)) await clearPages();
  localStorage.setItem(PAGES_OWNER, String(userId));
}

export function OfflineProvider({ userId, children }: { userId: number | null; children: ReactNode }) {
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [meta, setMeta] = useState<OutboxMeta | null>(null);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const [syncing, setSyncing] = useState(false);
  const [persistDenied, setPersistDenied] = useState(false);
  const running = useRef<Promise<SyncResult | null> | null>(null);
  // Signing in or out may re-render the layout without remounting this provider: the check runs once per user.
  const owned = useRef<{ userId: number | null; done: Promise<void> } | null>(null);
  const ownership = () => {
    if (!owned.current || owned.current.userId !== userId) owned.current = { userId, done: keepPagesToOwner(userId).catch(() => {}) };
    return owned.current.done;
  };

  useEffect(() => {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
    void ownership();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per user: ownership() is memoised in a ref
  }, [userId]);

  useEffect(() => {
    if (userId === null || typeof indexedDB === "undefined") return;
    let closed = false;
    let opened: Outbox | null = null;
    openOutbox()
      .then((o) => {
        if (closed) return o.close();
        opened = o;
        setOutbox(o);
      })
      .catch(() => {});
    return () => {
      closed = true;
      opened?.close();
      setOutbox(null);
    };
  }, [userId]);

  const reload = useCallback(async () => {
    if (!outbox || userId === null) return;
    setItems(await outbox.list(userId));
    setMeta(await outbox.meta(userId));
  }, [outbox, userId]);

  const sync = useCallback(
    async (force = false) => {
      if (!outbox || userId === null) return null;
      while (running.current) {
        if (!force) return running.current;
        // "Send now" (or the connection's return) during a run: that run may have tried before the
        // connection came back and set a pause, so go again, ignoring it, once the run ends.
        await running.current;
      }
      const run = (async () => {
        setSyncing(true);
        try {
          // One loop per browser, whatever the number of tabs (where the Web Locks API exists).
          const go = () => syncOutbox({ outbox, userId, fetch: (...a) => fetch(...a) }, { force });
          return navigator.locks ? await navigator.locks.request("rasd-outbox-sync", go) : await go();
        } catch {
          return null;
        } finally {
          setSyncing(false);
          running.current = null;
          await reload();
        }
      })();
      running.current = run;
      return run;
    },
    [outbox, userId, reload],
  );

  useEffect(() => {
    if (!outbox) return;
    // The app opens: show what waits, then send it.
    // Opening the app is a new chance, as "Send now" is: the pauses of earlier failed tries do not hold it back.
    const opening = window.setTimeout(() => void reload().then(() => (navigator.onLine ? sync(true) : null)), 0);
    const up = () => void sync(true);
    window.addEventListener("online", up);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sync();
    }, 30_000);
    return () => {
      window.clearTimeout(opening);
      window.removeEventListener("online", up);
      window.clearInterval(timer);
    };
  }, [outbox, reload, sync]);

  const save = useCallback(
    async (entry: OutboxEntry) => {
      if (!outbox || userId === null) return null;
      const item = await outbox.save(userId, entry);
      await reload();
      // Asked once something is worth keeping: browsers may grant it only then (Chromium decides by engagement).
      if (navigator.storage?.persist) {
        const granted = (await navigator.storage.persisted?.()) || (await navigator.storage.persist().catch(() => false));
        setPersistDenied(!granted);
      }
      if (navigator.onLine) void sync(true);
      return item;
    },
    [outbox, userId, reload, sync],
  );

  const change = useCallback(
    async (fn: (outbox: Outbox, userId: number) => Promise<unknown>) => {
      if (!outbox || userId === null) return;
      await fn(outbox, userId);
      await reload();
    },
    [outbox, userId, reload],
  );

  const warm = useCallback(
    async (hrefs: string[]) => {
      if (userId === null || typeof caches === "undefined" || !navigator.onLine || !("serviceWorker" in navigator)) return;
      await ownership();
      const cache = await caches.open(PAGES_CACHE);
      // One at a time: the server has two cores, and a coordinator may have dozens of areas.
      for (const href of hrefs) await cache.add(href).catch(() => {});
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- ownership() is memoised in a ref
    [userId],
  );

  const value = useMemo<OfflineState>(
    () => ({ userId, items, meta, online, syncing, persistDenied, save, sync, change, warm }),
    [userId, items, meta, online, syncing, persistDenied, save, sync, change, warm],
  );
  return <OfflineContext.Provider value={value}>{children}</OfflineContext.Provider>;
}

/** For the sign-out form: after signing out nobody owns the cached pages. */
export const forgetCachedPages = async () => {
  await clearPages();
  try {
    localStorage.removeItem(PAGES_OWNER);
  } catch {
    /* storage off: nothing recorded either */
  }
};
