import { readdir } from "node:fs/promises";
import path from "node:path";
import type { GraderRegistry } from "../grader/contract.js";
import { packageRoot } from "../package-info.js";
import { loadRubric } from "../rubric/load.js";
import type { Rubric } from "../rubric/types.js";
import type { Problem } from "../rubric/yaml-file.js";

/** A bundled rubric that declares example submissions (`examples:` in its assignment.yaml). */
export interface ExampleSet {
  name: string;
  rubric: Rubric;
  dir: string;
}

/**
 * Every rubric of `rubrics/` with its example submissions, in name order: each rubric says where its
 * examples are, so `submissions-example/<name>/` is docker-basics' and `submissions-example/flask-docker/<name>/`
 * flask-docker's. A rubric that does not load is returned with its problems.
 */
export async function bundledExampleSets(
  registry: GraderRegistry,
  rubricsDir = path.join(packageRoot(), "rubrics"),
): Promise<{ sets: ExampleSet[]; problems: Problem[] }> {
  const entries = await readdir(rubricsDir, { withFileTypes: true });
  const sets: ExampleSet[] = [];
  const problems: Problem[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const loaded = await loadRubric(path.join(rubricsDir, entry.name), registry);
    if (!loaded.ok) problems.push(...loaded.problems);
    else if (loaded.rubric.examplesDir)
      sets.push({ name: entry.name, rubric: loaded.rubric, dir: loaded.rubric.examplesDir });
  }
  return { sets, problems };
}
