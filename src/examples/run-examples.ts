import { access, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import type { DockerBackend } from "../docker/backend.js";
import { gradeSource } from "../engine/grade-source.js";
import type { GraderRegistry } from "../grader/contract.js";
import type { Lang, Trace } from "../i18n/text.js";
import type { Report } from "../report/schema.js";
import type { Rubric } from "../rubric/types.js";
import { compareExpected, type Expected, expectedOf } from "./expected.js";

export interface ExampleOutcome {
  name: string;
  report: Report;
  expected?: Expected;
  differences: string[];
}

/**
 * The example submissions of a rubric (its `examples` folder): every sub-folder holding an EXPECTED.json.
 * A folder without one is not an example (it may hold another rubric's examples, as
 * `submissions-example/flask-docker/` does); name a new example to `npm run examples -- --update` to create it.
 */
export async function listExamples(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const expected = path.join(dir, entry.name, "EXPECTED.json");
    if (
      await access(expected).then(
        () => true,
        () => false,
      )
    )
      names.push(entry.name);
  }
  return names.sort();
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Grades every example with the rubric and compares each with its EXPECTED.json, check by check.
 * `update` rewrites EXPECTED.json from what was graded (review the diff before committing it).
 */
export async function runExamples(options: {
  dir: string;
  rubric: Rubric;
  registry: GraderRegistry;
  docker: DockerBackend;
  lang?: Lang;
  only?: string[];
  update?: boolean;
  concurrency?: number;
  /** A limit shared with other runs (the examples of several rubrics graded at once); wins over concurrency. */
  limit?: LimitFunction;
  log?: Trace;
}): Promise<ExampleOutcome[]> {
  // Named examples may be new ones (no EXPECTED.json yet): any sub-folder of that name counts.
  const names = options.only
    ? (await subfolders(options.dir)).filter((name) => options.only?.includes(name))
    : await listExamples(options.dir);
  const availability = await options.docker.probe();
  const limit = options.limit ?? pLimit(options.concurrency ?? 2);
  return Promise.all(
    names.map((name) =>
      limit(async () => {
        const folder = path.join(options.dir, name);
        const report = await gradeSource(folder, {
          rubric: options.rubric,
          registry: options.registry,
          lang: options.lang ?? "en",
          docker: options.docker,
          availability,
          log: (line) => options.log?.({ fr: `${name} : ${line.fr}`, en: `${name}: ${line.en}` }),
        });
        const file = path.join(folder, "EXPECTED.json");
        const actual = expectedOf(report);
        if (options.update) await writeFile(file, `${JSON.stringify(actual, null, 2)}\n`);
        const expected = await readFile(file, "utf8").then(
          (text) => JSON.parse(text) as Expected,
          () => undefined,
        );
        const differences = expected ? compareExpected(expected, actual) : ["no EXPECTED.json"];
        return { name, report, expected, differences };
      }),
    ),
  );
}
