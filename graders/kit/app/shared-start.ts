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

/** The parameters of a check that starts the app as the image runs it, as its rubric gives them. */
export interface AppRunParams {
  port: number;
  readyPath: string;
  /** Seconds; default: the assignment's `timeouts.start`. */
  startTimeout?: number;
  logLines: number;
}

/**
 * How the checks that share the app's run (http, lifecycle, exec with `inAppRun`) start it: built in this
 * one place, so equal parameters give equal options, hence one lease key and one container between them.
 */
export function appRunOptions(ctx: Pick<GraderContext, "assignment">, params: AppRunParams): AppStartOptions {
  return {
    port: params.port,
    readyPath: params.readyPath,
    startTimeoutSeconds: params.startTimeout ?? ctx.assignment.timeouts.start,
    logLines: params.logLines,
  };
}

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
 * waits until every other holder has released it and has the container to itself; no check joins it after
 * that. Joined, it waits without its Docker slot and goes on without one (the container was started under
 * the other check's); started by it, it lends its slot while the others use the app. What it measures is unchanged: the container it
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
  const entries = session;
  const key = JSON.stringify(options);
  const known = entries.get(key);
  const joined = known !== undefined && !known.taken;
  const run: Run =
    known && joined ? known : { start: startApp(ctx, options), signal: ctx.signal, holders: 0, taken: false };
  if (!joined) entries.set(key, run);
  run.holders++;
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
  // Cut by the deadline of the check that started it: this check starts its own.
  const cut = () => run.signal !== ctx.signal && run.signal.aborted && !ctx.signal.aborted;
  const again = async () => {
    if (entries.get(key) === run) entries.delete(key);
    await release();
    return lease(ctx, options, toStop);
  };
  if (!toStop) {
    const start = await (joined && ctx.idle ? ctx.idle(run.start) : run.start);
    return cut() ? again() : { start, release };
  }
  const alone = () =>
    run.holders > 1
      ? new Promise<void>((resolve) => {
          run.lastHolder = resolve;
          ctx.signal.addEventListener("abort", () => resolve(), { once: true });
        })
      : Promise.resolve();
  const takeOver = async (): Promise<AppStart | undefined> => {
    const start = await run.start;
    if (cut()) return undefined;
    run.taken = true;
    if (entries.get(key) === run) entries.delete(key);
    await alone();
    return start;
  };
  let start: AppStart | undefined;
  if (!joined) {
    start = await run.start;
    run.taken = true;
    if (entries.get(key) === run) entries.delete(key);
    const others = alone();
    await (ctx.idle ? ctx.idle(others) : others);
  } else if (ctx.idle) {
    // Joined, it waits for the start and for the others without its Docker slot, and goes on without one:
    // stopping the container the other check started under its own slot is what is left of that run.
    start = await ctx.idle(takeOver(), { back: false });
    if (!start) await ctx.idle(Promise.resolve()); // starting its own after all: with a slot
  } else start = await takeOver();
  if (!start) return again();
  if (ctx.signal.aborted) {
    // Cut while others still used it: it is theirs to remove, not this check's to stop.
    await release();
    return { start: { ok: false, result: { status: "error", findings: [aborted] } }, release };
  }
  return { start, release };
}

const aborted = { messageId: "aborted", severity: "problem" } as const;
