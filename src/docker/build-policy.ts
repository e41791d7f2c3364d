import { canonicalReference, parseImageReference } from "../analysis/image-reference.js";
import type { DfInstruction, ParsedDockerfile } from "../dockerfile/parse.js";

/**
 * Where an image named by FROM or COPY --from comes from, as the engine sees it before the build:
 * `registry` (present, pulled from a registry under that repository: it carries a matching RepoDigest),
 * `local-only` (present, but built or tagged on this engine: an instructor's solution image, another
 * submission's image), `absent` (the build will pull it from a registry, like any public image).
 */
export type ImageOrigin = "registry" | "local-only" | "absent";

/** An image the Dockerfile names, with the line and the instruction that names it. */
export interface NamedImage {
  reference: string;
  line: number;
  instruction: "FROM" | "COPY --from";
}

/** Why the build is refused before it starts. Lines are 1-based. */
export interface Refusal {
  line: number;
  /**
   * `add-url`: ADD fetches a URL (the engine's own network, outside any sandbox); `local-image`: the image
   * exists only on the grading engine; `unresolved-image`: the image is named through a variable.
   */
  kind: "add-url" | "local-image" | "unresolved-image";
  instruction: "FROM" | "COPY --from" | "ADD";
  /** The URL or the image reference, as written. */
  source: string;
}

const URL_SOURCE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The images FROM and COPY --from name that are not the Dockerfile's own stages (nor `scratch`): these
 * are the ones to look up on the engine before deciding.
 */
export function namedImages(dockerfile: ParsedDockerfile): NamedImage[] {
  const named: NamedImage[] = [];
  for (const stage of dockerfile.stages) {
    if (stage.parent === undefined && stage.image.written.toLowerCase() !== "scratch")
      named.push({ reference: stage.image.written, line: stage.from.line, instruction: "FROM" });
    for (const instruction of stage.instructions) {
      const from = copyFrom(instruction);
      if (from !== undefined && !isStage(dockerfile, stage.index, from))
        named.push({ reference: from, line: instruction.line, instruction: "COPY --from" });
    }
  }
  return named;
}

/**
 * The pre-build decision, pure: every ADD of a URL, and every image that exists only on the grading engine
 * (unless the rubric allows it) or that is named through a variable, is a refusal. Public images (absent,
 * or pulled from a registry) and the Dockerfile's own stages are fine. `origins` is keyed by reference as
 * `namedImages` returns it; a reference missing from it counts as `absent`.
 */
export function buildRefusals(
  dockerfile: ParsedDockerfile,
  origins: ReadonlyMap<string, ImageOrigin>,
  allowedBases: readonly string[],
): Refusal[] {
  const allowed = new Set(allowedBases.map(canonical));
  const refusals: Refusal[] = [];
  for (const image of namedImages(dockerfile)) {
    const { reference, line, instruction } = image;
    if (reference.includes("$"))
      refusals.push({ line, kind: "unresolved-image", instruction, source: reference });
    else if (origins.get(reference) === "local-only" && !allowed.has(canonical(reference)))
      refusals.push({ line, kind: "local-image", instruction, source: reference });
  }
  for (const stage of dockerfile.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== "ADD") continue;
      for (const source of addSources(instruction))
        if (URL_SOURCE.test(source))
          refusals.push({ line: instruction.line, kind: "add-url", instruction: "ADD", source });
    }
  }
  return refusals.sort((a, b) => a.line - b.line);
}

/** The reference in the form the engine compares: `python:3.12-slim` and `docker.io/library/python:3.12-slim` agree. */
export function canonical(reference: string): string {
  const parsed = parseImageReference(reference);
  if (!parsed) return reference.trim().toLowerCase();
  return `${canonicalReference(parsed)}${parsed.digest ? `@${parsed.digest}` : ""}`;
}

function copyFrom(instruction: DfInstruction): string | undefined {
  if (instruction.keyword !== "COPY") return undefined;
  const from = instruction.flags.from;
  return typeof from === "string" && from !== "" ? from : undefined;
}

/** `--from=builder` or `--from=0`: a stage defined before the instruction's own stage (or itself, by index). */
function isStage(dockerfile: ParsedDockerfile, current: number, from: string): boolean {
  if (/^\d+$/.test(from)) return Number(from) < current;
  const lower = from.toLowerCase();
  return dockerfile.stages.some((stage) => stage.index < current && stage.alias === lower);
}

/** ADD's sources: every argument but the destination, exec (JSON) form or not. */
function addSources(instruction: DfInstruction): string[] {
  const args = instruction.exec ?? instruction.args;
  return args.slice(0, -1);
}
