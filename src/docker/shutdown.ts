import { DeadlineError, withDeadline } from "./deadline.js";

interface Closable {
  readonly runId: string;
  close(): Promise<void>;
}

/** The one process-wide state: sessions still open, so an interrupted run can remove what it made. */
const openSessions = new Set<Closable>();

/** Registers an open session; the returned function unregisters it (sessions call it when closing). */
export function trackSession(session: Closable): () => void {
  openSessions.add(session);
  return () => openSessions.delete(session);
}

export function openSessionCount(): number {
  return openSessions.size;
}

/** Something to finish once every open session has closed (the layers a class kept: kept-layers.ts). */
const finishers = new Set<() => Promise<void>>();

/** Registers a finisher for closeAllSessions; the returned function unregisters it. */
export function onSessionsClosed(finish: () => Promise<void>): () => void {
  finishers.add(finish);
  return () => finishers.delete(finish);
}

/**
 * Closes every open session, then runs the finishers (removing the layers a class kept), within
 * `timeoutMs`; true when all finished in time.
 */
export async function closeAllSessions(timeoutMs = 30_000): Promise<boolean> {
  const closing = Promise.allSettled([...openSessions].map((session) => session.close())).then(() =>
    Promise.allSettled([...finishers].map((finish) => finish())),
  );
  try {
    await withDeadline(closing, timeoutMs, "removing the Docker objects of open sessions");
    return true;
  } catch (error) {
    if (error instanceof DeadlineError) return false;
    throw error;
  }
}

export interface ShutdownOptions {
  log?: (line: string) => void;
  timeoutMs?: number;
  exit?: (code: number) => void;
}

/**
 * What SIGINT/SIGTERM do: the first signal closes the open sessions (their containers, images, volumes,
 * networks), then exits with 128+signal; a second signal exits at once.
 */
export function shutdownHandler(options: ShutdownOptions = {}): (signal: NodeJS.Signals) => void {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  return (signal) => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (stopping) return exit(code);
    stopping = true;
    const count = openSessions.size;
    if (count > 0)
      log(`${signal}: removing the Docker objects of ${count} open session(s)… (again to quit now)`);
    closeAllSessions(options.timeoutMs).then(
      (complete) => {
        if (!complete) log("some Docker objects may remain: run `dockgrade gc` to remove them");
        exit(code);
      },
      () => exit(code),
    );
  };
}

/** Installs the shutdown handler for the CLI; returns a function that uninstalls it. */
export function installShutdownHandlers(options: ShutdownOptions = {}): () => void {
  const handler = shutdownHandler(options);
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
