import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the app learns about a request while answering it that the server edge (scripts/serve.ts)
 * needs before it writes the status line: whether a page failed because the database could not be
 * read or written (then the answer is the edge's 503 page, not Next's 500). The edge opens the store around Next's
 * handler; the page code marks it. Next bundles the app's copy of this module apart from the one the
 * edge loads, so the storage lives on globalThis under a registered symbol: both copies share it.
 */
export type RequestState = { unavailable: string | null };

const KEY = Symbol.for("rasd.request-state");
type Holder = { [KEY]?: AsyncLocalStorage<RequestState> };

function storage(): AsyncLocalStorage<RequestState> {
  const g = globalThis as Holder;
  return (g[KEY] ??= new AsyncLocalStorage<RequestState>());
}

/** Runs `fn` (the request's handling) with a fresh state, which it returns beside the result. */
export function withRequestState<T>(fn: (state: RequestState) => T): T {
  const state: RequestState = { unavailable: null };
  return storage().run(state, () => fn(state));
}

/** Marks the current request as failed for an unavailable database (`key`: the message saying why). No-op outside a request. */
export function markUnavailable(key: string): void {
  const state = storage().getStore();
  if (state) state.unavailable = key;
}
