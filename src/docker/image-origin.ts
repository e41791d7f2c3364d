import { parseImageReference } from "../analysis/image-reference.js";
import type { ImageOrigin } from "./build-policy.js";
import { type Engine, engineStatus } from "./engine.js";

/**
 * Where an image present on the engine comes from, from `docker image inspect`'s RepoDigests: an image
 * pulled from a registry carries `repository@sha256:…` for the repository it was pulled as. An image built
 * or tagged locally has none for that repository (`docker tag python:3.12-slim solution` keeps only
 * python's digest), so a digest of another repository does not make a local tag public. Pure.
 */
export function originOf(reference: string, repoDigests: readonly string[] | null | undefined): ImageOrigin {
  const wanted = repository(reference);
  const pulled = (repoDigests ?? []).some((entry) => repository(entry.split("@")[0] ?? "") === wanted);
  return pulled ? "registry" : "local-only";
}

/** Looks each reference up on the engine (after base images were pulled): present or not, and how it got there. */
export async function imageOrigins(
  engine: Engine,
  references: readonly string[],
): Promise<Map<string, ImageOrigin>> {
  const origins = new Map<string, ImageOrigin>();
  await Promise.all(
    [...new Set(references)].map(async (reference) => {
      if (reference.includes("$")) return;
      try {
        const image = await engine.getImage(reference).inspect();
        origins.set(reference, originOf(reference, image.RepoDigests));
      } catch (error) {
        if (engineStatus(error) !== 404) throw error;
        origins.set(reference, "absent");
      }
    }),
  );
  return origins;
}

function repository(reference: string): string {
  const parsed = parseImageReference(reference);
  if (!parsed) return reference.trim().toLowerCase();
  return `${parsed.registry ?? "docker.io"}/${parsed.path}`;
}
