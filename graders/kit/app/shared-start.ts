import type { GraderContext } from "../../../src/grader/contract.js";
import { type AppStart, type AppStartOptions, startApp } from "./start.js";

/** The app started once for the checks of a session that start it the same way. */
interface Run {
  start: Promise<AppStart>;
  /** The signal of the check that started it: a start cut by its deadline is not shared. */
  signal: AbortSignal;
  holders: number;
  /** A check will stop it: no other check joins it from then on. */
  taken: boolean;
  /** Tells the check taking it over that it is the last holder. */
  lastHolder?: () => void;
}

const runs = new WeakMap<object, Map<string, Run>>();

export interface AppLease {
  start: AppStart;
  /** Done with the app; the last holder removes its container. */
  release(): Promise<void>;
}

/**
 * `startApp`, shared: checks of one session that start the app the same way (same options) while it runs
 * share one container, as `docker run` once and `curl` twice would. Each check gets the same start (its
 * wait, its diagnosis) and releases the lease when done; the container is removed with the last lease. A
 * start cut by its check's deadline is not shared: the next check starts its own.
 */
export function leaseApp(ctx: GraderContext, options: AppStartOptions): Promise<AppLease> {
  return lease(ctx, options, false);
}

/**
 * A lease for the check that stops the app (`lifecycle`): it joins the shared run like `leaseApp`, then
 * waits until every other holder has released it (lending its Docker slot meanwhile) and has the
 * container to itself; no check joins it after that. What it measures is unchanged: the container it
 * stops started the same way and answered the same way, and nothing else uses it any more.
 */
export function leaseAppToStop(ctx: GraderContext, options: AppStartOptions): Promise<AppLease> {
  return lease(ctx, options, true);
}

async function lease(ctx: GraderContext, options: AppStartOptions, toStop: boolean): Promise<AppLease> {
  const owner = ctx.docker as object;
  let session = runs.get(owner);
  if (!session) {
    session = new Map();
    runs.set(owner, session);
  }
  const key = JSON.stringify(options);
  const known = session.get(key);
  const joined = known !== undefined && !known.taken;
  const run: Run =
    known && joined ? known : { start: startApp(ctx, options), signal: ctx.signal, holders: 0, taken: false };
  if (!joined) session.set(key, run);
  run.holders++;
  const entries = session;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    run.holders--;
    if (run.holders === 1) run.lastHolder?.();
    if (run.holders > 0) return;
    if (entries.get(key) === run) entries.delete(key);
    await (await run.start).container?.remove().catch(() => undefined);
  };
  const wait = <R>(waiting: Promise<R>) => (joined && ctx.idle ? ctx.idle(waiting) : waiting);
  const start = await wait(run.start);
  if (run.signal !== ctx.signal && run.signal.aborted && !ctx.signal.aborted) {
    // Cut by the deadline of the check that started it: this check starts its own.
    if (entries.get(key) === run) entries.delete(key);
    await release();
    return lease(ctx, options, toStop);
  }
  if (!toStop) return { start, release };
  run.taken = true;
  if (entries.get(key) === run) entries.delete(key);
  if (run.holders > 1) {
    const alone = new Promise<void>((resolve) => {
      run.lastHolder = resolve;
      ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await (ctx.idle ? ctx.idle(alone) : alone);
  }
  if (ctx.signal.aborted) {
    // Cut while others still used it: it is theirs to remove, not this check's to stop.
    await release();
    return { start: { ok: false, result: { status: "error", findings: [aborted] } }, release };
  }
  return { start, release };
}

const aborted = { messageId: "aborted", severity: "problem" } as const;
