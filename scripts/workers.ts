import cluster, { type Worker } from "node:cluster";

type Log = { info: (o: object, msg: string) => void; error: (o: object, msg: string) => void; fatal: (o: object, msg: string) => void };

/** A worker that dies sooner than this after starting counts towards giving up. */
const QUICK_DEATH_MS = 10_000;
/** After this many quick deaths in a row, something is wrong with every start: exit for the supervisor to see. */
const MAX_QUICK_DEATHS = 5;
const STOP_GRACE_MS = 15_000;

/**
 * The cluster's primary (docs/decisions/050-one-server-process-per-core.md): forks `count` workers
 * of this same script, all listening on one port (node:cluster hands out the connections), each with
 * its own SQLite connection. A worker that dies is logged and replaced at once; one that keeps dying
 * at start-up is replaced after a growing pause, and after five such deaths in a row the primary
 * exits 1, so that systemd or a container runtime sees a broken start instead of a restart loop.
 * SIGTERM/SIGINT stop the workers (each finishes its open requests), then the primary.
 */
export function superviseWorkers(count: number, log: Log, onStop: () => void): void {
  let stopping = false;
  let quickDeaths = 0;
  const startedAt = new Map<number, number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.once("listening", () => log.info({ event: "worker.started", workerPid: worker.process.pid }, "server process started"));
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    const livedMs = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    quickDeaths = livedMs < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    log.error({ event: "worker.exited", workerPid: worker.process.pid, code, signal, livedMs }, "a server process died; starting another");
    if (quickDeaths >= MAX_QUICK_DEATHS) {
      log.fatal({ event: "worker.giving_up", quickDeaths }, "server processes keep dying at start-up; stopping");
      stopAll(1);
      return;
    }
    setTimeout(fork, quickDeaths > 1 ? Math.min(30_000, 250 * 2 ** quickDeaths) : 0);
  });

  const stopAll = (exitCode: number) => {
    stopping = true;
    onStop();
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (running.length === 0) process.exit(exitCode);
    for (const w of running) w.process.kill("SIGTERM");
    // A worker stuck in a request does not hold the machine hostage.
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
      process.exit(exitCode);
    }, STOP_GRACE_MS).unref();
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => stopAll(0));

  log.info({ event: "start.workers", workers: count }, `starting ${count} server processes`);
  for (let i = 0; i < count; i++) fork();
}
