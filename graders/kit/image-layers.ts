import { Type as T } from "@sinclair/typebox";
import { type LayerStep, type LayerTable, layerTable } from "../../src/analysis/image-layers.js";
import type { DockerSession } from "../../src/docker/session.js";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import type { GraderContext } from "../../src/grader/contract.js";

/** What the submission's Dockerfile tells about the layers: the base it names and its instructions. */
export interface DockerfileLayers {
  baseRef?: string;
  steps: LayerStep[];
}

/**
 * Reads the Dockerfile the image was built from (at the submission root, as the build uses it). A
 * Dockerfile that cannot be read gives nothing: the layers are then told apart by the history alone.
 */
export async function dockerfileLayers(
  ctx: Pick<GraderContext, "files" | "assignment">,
): Promise<DockerfileLayers> {
  const read = await ctx.files.readBytes(ctx.assignment.dockerfile);
  if (!read.ok) return { steps: [] };
  const parsed = parseDockerfile(read.bytes);
  if (!parsed.ok) return { steps: [] };
  const { lineage, base } = parsed.dockerfile;
  // Each instruction after FROM makes one history entry with the classic builder; FROM lines make none.
  const steps = lineage.flatMap((stage) =>
    stage.instructions.map((i) => ({ keyword: i.keyword, text: i.text, line: i.line })),
  );
  return { baseRef: base.image.written, steps };
}

/** The `base` parameter of the graders that read the layer table: it overrides the Dockerfile's FROM. */
export const baseImageParam = T.Optional(
  T.String({
    minLength: 1,
    description: "The base image reference to find in the history; default: the Dockerfile's FROM.",
  }),
);

/** The built image's layer table, its base found by `base` (a reference) or by the Dockerfile's FROM. */
export async function imageLayerTable(
  ctx: Pick<GraderContext, "files" | "assignment">,
  docker: DockerSession,
  base?: string,
): Promise<LayerTable & { baseRef?: string }> {
  const dockerfile = await dockerfileLayers(ctx);
  const baseRef = base ?? dockerfile.baseRef;
  const table = layerTable(await docker.imageHistory(), {
    baseRefs: baseRef ? [baseRef] : [],
    steps: dockerfile.steps,
  });
  return { ...table, ...(baseRef ? { baseRef } : {}) };
}
