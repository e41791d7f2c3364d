import type { Trace } from "../i18n/text.js";
import { type Engine, engineMessage, inspectImageIfPresent } from "./engine.js";
import { classifyPullFailure, notPresent, type PullFailure } from "./pull-failure.js";
import { dockerTrace } from "./trace-messages.js";

/**
 * The images a Dockerfile starts from (`FROM` lines), leaving out its own stages, `scratch` and references
 * built from build arguments (the build resolves those). A quick read for pulling ahead of the build; the
 * build itself stays the judge of what the Dockerfile means.
 */
export function baseImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  const joined = dockerfile.replace(/\\\r?\n/g, " ");
  for (const line of joined.split(/\r?\n/)) {
    const match = /^\s*FROM\s+((?:--\S+\s+)*)(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!match) continue;
    const reference = match[2] as string;
    const lower = reference.toLowerCase();
    if (!stages.has(lower) && lower !== "scratch" && !reference.includes("$") && !images.includes(reference))
      images.push(reference);
    if (match[3]) stages.add(match[3].toLowerCase());
  }
  return images;
}

/**
 * When base images are pulled: `missing` (default) pulls only what the engine lacks; `always` pulls each
 * once per process even when present (the registry's current image); `never` uses only what the engine
 * holds (an offline machine with pre-pulled images).
 */
import type { PullPolicy } from "./pull-policy.js";

export { PULL_POLICIES, type PullPolicy } from "./pull-policy.js";

/** A base image as the build found it: its engine id and, when it came from a registry, its digest. */
export interface BaseImage {
  reference: string;
  id: string;
  /** `name@sha256:...` when the engine knows where the image came from; absent for a locally built one. */
  digest?: string;
  pulled: boolean;
}

export type BaseImageState =
  | { ok: true; image: BaseImage }
  | { ok: false; reference: string; failure: PullFailure };

/** One pull per image, policy and process, shared by every submission of a class that starts from it. */
const pulls = new Map<string, Promise<BaseImageState>>();

/**
 * Makes sure each image is on the engine before builds start from it, following the pull policy. An image
 * is pulled at most once at a time, however many concurrent builds need it (registries rate-limit
 * anonymous pulls). A failed pull is forgotten once settled, so a later submission tries again. Never
 * rejects: a failure is a state, classified (whose fault, which cause).
 */
export async function ensureImages(
  engine: Engine,
  references: string[],
  options: { policy?: PullPolicy; log?: Trace } = {},
): Promise<BaseImageState[]> {
  const policy = options.policy ?? "missing";
  return Promise.all(
    references.map((reference) => {
      const key = `${policy} ${reference}`;
      let pending = pulls.get(key);
      if (!pending) {
        pending = ensureImage(engine, reference, policy, options.log);
        pulls.set(key, pending);
        pending.then((state) => {
          if (!state.ok) pulls.delete(key);
        });
      }
      return pending;
    }),
  );
}

async function ensureImage(
  engine: Engine,
  reference: string,
  policy: PullPolicy,
  log?: Trace,
): Promise<BaseImageState> {
  try {
    const present = policy === "always" ? undefined : await inspect(engine, reference);
    if (present) return { ok: true, image: { ...present, pulled: false } };
    if (policy === "never") return { ok: false, reference, failure: notPresent(reference) };
    log?.(dockerTrace("pulling", { reference }));
    const stream = await engine.pull(reference);
    await new Promise<void>((resolve, reject) =>
      engine.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
    );
    const pulled = await inspect(engine, reference);
    if (!pulled) throw new Error(`${reference} is not on the engine after its pull`);
    return { ok: true, image: { ...pulled, pulled: true } };
  } catch (error) {
    return { ok: false, reference, failure: classifyPullFailure(engineMessage(error)) };
  }
}

async function inspect(engine: Engine, reference: string): Promise<Omit<BaseImage, "pulled"> | undefined> {
  const image = await inspectImageIfPresent(engine, reference);
  if (!image) return undefined;
  const name = reference.replace(/[:@][^/]*$/, "");
  const digests = image.RepoDigests ?? [];
  const digest = digests.find((d) => d.startsWith(`${name}@`)) ?? digests[0];
  return { reference, id: image.Id, ...(digest ? { digest } : {}) };
}
