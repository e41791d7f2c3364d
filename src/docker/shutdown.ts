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

/** What the shutdown has to tell: the command line words it in the user's language. */
export type ShutdownEvent =
  | { kind: "closing"; signal: NodeJS.Signals; sessions: number }
  | { kind: "incomplete"; signal: NodeJS.Signals };

export interface ShutdownOptions {
  tell?: (event: ShutdownEvent) => void;
  /**
   * Aborted at the first signal (its reason: the signal's name), before any session closes: grading that
   * ends after it was cut short, so its report is neither shown nor recorded (the next run grades it).
   */
  interrupted?: AbortController;
  timeoutMs?: number;
  exit?: (code: number) => void;
}

/** The exit code of a process stopped by `signal`: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function interruptedExitCode(signal: unknown): number {
  return signal === "SIGINT" ? 130 : 143;
}

/**
 * What SIGINT/SIGTERM do: the first signal aborts `interrupted`, closes the open sessions (their
 * containers, images, volumes, networks), then exits with 128+signal; a second signal exits at once.
 */
export function shutdownHandler(options: ShutdownOptions = {}): (signal: NodeJS.Signals) => void {
  const tell = options.tell ?? (() => {});
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  return (signal) => {
    const code = interruptedExitCode(signal);
    if (stopping) return exit(code);
    stopping = true;
    options.interrupted?.abort(signal);
    const count = openSessions.size;
    if (count > 0) tell({ kind: "closing", signal, sessions: count });
    closeAllSessions(options.timeoutMs).then(
      (complete) => {
        if (!complete) tell({ kind: "incomplete", signal });
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
