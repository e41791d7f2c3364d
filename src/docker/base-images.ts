import type { Engine } from "./engine.js";
import { engineStatus } from "./engine.js";

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

/** One pull per image and per process, shared by every submission of a class that starts from it. */
const pulls = new Map<string, Promise<void>>();

/**
 * Makes sure each image is on the engine before builds start from it: an image already there is used as it
 * is (pull policy "missing"); a missing one is pulled once, however many concurrent builds need it
 * (registries rate-limit anonymous pulls). A failed pull is left for the build to report.
 */
export async function ensureImages(engine: Engine, references: string[], log?: (line: string) => void) {
  await Promise.all(
    references.map((reference) => {
      let pending = pulls.get(reference);
      if (!pending) {
        pending = ensureImage(engine, reference, log);
        pulls.set(reference, pending);
        // A failed pull may succeed later (a registry back up): forget it once settled.
        pending.catch(() => pulls.delete(reference));
      }
      return pending.catch(() => {});
    }),
  );
}

async function ensureImage(engine: Engine, reference: string, log?: (line: string) => void): Promise<void> {
  try {
    await engine.getImage(reference).inspect();
    return;
  } catch (error) {
    if (engineStatus(error) !== 404) throw error;
  }
  log?.(`pulling ${reference}`);
  const stream = await engine.pull(reference);
  await new Promise<void>((resolve, reject) =>
    engine.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}
