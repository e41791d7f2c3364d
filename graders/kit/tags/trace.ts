import {
  canonicalReference,
  type ImageReference,
  parseImageReference,
} from "../../../src/analysis/image-reference.js";
import type { DockerCommand } from "./commands.js";

/** Where one reference points after the documented commands, and the command that put it there. */
export interface TracedReference {
  reference: ImageReference;
  /** An opaque identity of the image it names. */
  image: string;
  command: DockerCommand;
}

export interface TagTrace {
  /** Canonical reference (`quotegen:latest`) → where it points. */
  refs: Map<string, TracedReference>;
  /** The image of the last documented build, if any. */
  lastBuild?: string;
}

/**
 * Replays the documented commands on a model of the engine's tag table: a build points its `-t`
 * references at a new image, `docker tag SRC DST` points DST at SRC's image, `docker rmi` drops a
 * reference. A rebuild under the very same tags is taken as the same image (with an unchanged context the
 * build cache gives the same id), so a rebuild quoted again later does not orphan an earlier `latest`.
 */
export function traceTags(commands: readonly DockerCommand[]): TagTrace {
  const refs = new Map<string, TracedReference>();
  let lastBuild: string | undefined;
  let untagged = 0;
  const set = (written: string, image: string, command: DockerCommand) => {
    const reference = parseImageReference(written);
    if (reference) refs.set(canonicalReference(reference), { reference, image, command });
  };
  for (const command of commands) {
    if (command.kind === "build") {
      const names = command.refs.map(canonical).filter((r): r is string => r !== undefined);
      lastBuild = names.length > 0 ? `build:${[...new Set(names)].sort().join(",")}` : `build#${++untagged}`;
      for (const written of command.refs) set(written, lastBuild, command);
    } else if (command.kind === "tag") {
      const [source, target] = command.refs as [string, string];
      const key = canonical(source);
      if (key === undefined) continue;
      // A tag whose source was never built in the report: the source exists (the tag worked), so it counts.
      if (!refs.has(key)) set(source, `named:${key}`, command);
      set(target, refs.get(key)?.image ?? `named:${key}`, command);
    } else {
      for (const written of command.refs) {
        const key = canonical(written);
        if (key !== undefined) refs.delete(key);
      }
    }
  }
  return { refs, ...(lastBuild ? { lastBuild } : {}) };
}

/** The references that point at `image`, in the order they were set. */
export function referencesTo(trace: TagTrace, image: string): TracedReference[] {
  return [...trace.refs.values()].filter((r) => r.image === image);
}

export function canonical(written: string): string | undefined {
  const reference = parseImageReference(written);
  return reference ? canonicalReference(reference) : undefined;
}
