import type { Trace } from "../i18n/text.js";
import type { BuildOutcome } from "./build.js";
import { type Engine, engineMessage } from "./engine.js";
import { keptLayers } from "./kept-layers.js";
import { harnessReference, newRunId } from "./labels.js";
import { newLease, removeLease, writeLease } from "./lease.js";
import { listLabelled, removeLabelled } from "./resources.js";
import { dockerTrace } from "./trace-messages.js";

/** A session's use of a build it may share with other sessions of this process. */
export interface SharedBuildUse {
  outcome: BuildOutcome;
  /** True for the session whose request made the build; false for one that reuses it. */
  built: boolean;
  /** The run id the image and its build objects are labelled with (not any one session's). */
  runId: string;
  /** Ends this use; the last use removes the image (and whatever else carries its run id). */
  release(): Promise<void>;
}

interface Entry {
  runId: string;
  outcome: Promise<BuildOutcome>;
  users: number;
  remove: (runId: string) => Promise<void>;
}

/**
 * Identical build contexts built once: sessions of one process that give the same key (the submission's
 * content digest with the build policy) share one image, built under a run id of its own so no session's
 * cleanup removes it under the others. Reference counted: the last session to release it removes it, and a
 * later session with the same key builds again (from the layer cache). The build runs on the first
 * session's request; a harness failure it ends with (timeout, abort, engine) is that session's own, so a
 * reusing session builds on its own instead (see `reusable`).
 */
export class SharedBuilds {
  private readonly entries = new Map<string, Entry>();

  async use(
    key: string,
    build: (runId: string) => Promise<BuildOutcome>,
    remove: (runId: string) => Promise<void>,
  ): Promise<SharedBuildUse> {
    let entry = this.entries.get(key);
    const built = entry === undefined;
    if (!entry) {
      const runId = newRunId();
      entry = { runId, outcome: build(runId), users: 0, remove };
      this.entries.set(key, entry);
    }
    entry.users++;
    const held = entry;
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      held.users--;
      if (held.users > 0) return;
      if (this.entries.get(key) === held) this.entries.delete(key);
      await held.remove(held.runId);
    };
    return { outcome: await held.outcome, built, runId: held.runId, release };
  }

  /** Builds in use, for tests. */
  get size(): number {
    return this.entries.size;
  }
}

/** Whether a session that did not make the build may use its outcome: the student's failures are shared too. */
export function reusable(outcome: BuildOutcome): boolean {
  return outcome.ok || outcome.reason === "failed" || outcome.reason === "context-too-large";
}

/** The one registry of the process (sessions of a batch share it). */
export const sharedBuilds = new SharedBuilds();

/**
 * A session's image through the shared registry: built under the shared run id (its reference named like
 * the session's, with that run id), then tagged with the session's own reference. Undefined `outcome`: a
 * harness failure of another session's build, the caller builds on its own.
 */
export async function useSharedImage(input: {
  engine: Engine;
  key: string;
  /** The session's reference, `dockgrade/<runId>/<name>:<tag>`. */
  reference: string;
  build: (runId: string, reference: string) => Promise<BuildOutcome>;
  log?: Trace;
  registry?: SharedBuilds;
}): Promise<{ outcome?: BuildOutcome; use?: SharedBuildUse }> {
  const { engine, reference } = input;
  const colon = reference.lastIndexOf(":");
  const [repo, tag] = [reference.slice(0, colon), reference.slice(colon + 1)];
  const name = repo.split("/").slice(2).join("/");
  const use = await (input.registry ?? sharedBuilds).use(
    input.key,
    // The shared run has a lease of its own (this process), so a `gc` after a kill finds its image too.
    (runId) => writeLease(newLease(runId)).then(() => input.build(runId, harnessReference(runId, name, tag))),
    (runId) => removeRun(engine, runId, input.log).then(() => removeLease(runId)),
  );
  if (!use.built && !reusable(use.outcome)) {
    await use.release();
    return {};
  }
  if (!use.outcome.ok) return { outcome: use.outcome, use };
  await engine.getImage(use.outcome.imageId).tag({ repo, tag });
  return { outcome: { ...use.outcome, reference }, use };
}

/**
 * Removes every object labelled with `runId` (a shared build's image and what its build left), twice; the
 * image without its parents while a class keeps its layers (the session that built hands those over).
 */
async function removeRun(engine: Engine, runId: string, log?: Trace): Promise<void> {
  try {
    for (let pass = 0; pass < 2; pass++) {
      const listed = await listLabelled(engine, runId);
      const counts = await removeLabelled(engine, listed, { keepParents: keptLayers.active });
      if (pass === 1) for (const error of counts.errors) log?.(dockerTrace("cleanupError", { error }));
    }
  } catch (error) {
    log?.(
      dockerTrace("cleanupFailed", {
        what: { en: `shared build ${runId}`, fr: `construction partagée ${runId}` },
        error: engineMessage(error),
      }),
    );
  }
}
