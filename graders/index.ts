import type { AnyGrader, GraderRegistry } from "../src/grader/contract.js";
import dockerfile from "./dockerfile.js";
import files from "./files.js";

/** The one registry of graders, sorted by id. Adding a grader: its file, its tests, one line here. */
const graders: AnyGrader[] = [dockerfile, files];

export const registry: GraderRegistry = new Map(
  [...graders].sort((a, b) => a.id.localeCompare(b.id)).map((grader) => [grader.id, grader]),
);
