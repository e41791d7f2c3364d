// `npm run examples [-- --update] [--rubric NAME] [names…]`: grades the example submissions of every bundled
// rubric that declares some (`examples:` in its assignment.yaml) and diffs each against its EXPECTED.json,
// check by check. Use it to test a rubric change before committing it.
import pLimit from "p-limit";
import { registry } from "../graders/index.js";
import { dockerBackend } from "../src/docker/backend.js";
import { bundledExampleSets } from "../src/examples/bundled-examples.js";
import { runExamples } from "../src/examples/run-examples.js";
import { formatProblem } from "../src/rubric/format.js";

const args = process.argv.slice(2);
const update = args.includes("--update");
const rubricAt = args.indexOf("--rubric");
const rubricName = rubricAt >= 0 ? args[rubricAt + 1] : undefined;
const only = args.filter((arg, i) => !arg.startsWith("--") && i !== rubricAt + 1);
const { sets, problems } = await bundledExampleSets(registry);
if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem, "en"));
  process.exit(2);
}
const limit = pLimit(2);
const chosen = sets.filter((set) => rubricName === undefined || set.name === rubricName);
const results = await Promise.all(
  chosen.map(async (set) => ({
    set,
    outcomes: await runExamples({
      dir: set.dir,
      rubric: set.rubric,
      registry,
      docker: dockerBackend,
      update,
      limit,
      only: only.length > 0 ? only : undefined,
      log: (line) => process.stderr.write(`  … ${set.name}/${line.en}\n`),
    }),
  })),
);
let failed = 0;
for (const { set, outcomes } of results) {
  for (const outcome of outcomes) {
    const mark = outcome.differences.length === 0 ? "ok  " : "DIFF";
    console.log(`${mark} ${set.name}/${outcome.name}: ${outcome.report.score}/${outcome.report.maxScore}`);
    for (const line of outcome.differences) console.log(`       ${line}`);
    if (outcome.differences.length > 0) failed++;
  }
}
if (update)
  console.log("EXPECTED.json files rewritten: review `git diff submissions-example` before committing.");
process.exit(failed > 0 && !update ? 1 : 0);
