// `npm run examples [-- --update] [names…]`: grades submissions-example/* with the bundled rubric and diffs
// each against its EXPECTED.json, check by check. Use it to test a rubric change before committing it.
import { registry } from "../graders/index.js";
import { dockerBackend } from "../src/docker/backend.js";
import { runExamples } from "../src/examples/run-examples.js";
import { packageRoot } from "../src/package-info.js";
import { formatProblem } from "../src/rubric/format.js";
import { loadRubric } from "../src/rubric/load.js";

const args = process.argv.slice(2);
const update = args.includes("--update");
const only = args.filter((arg) => !arg.startsWith("--"));
const root = packageRoot();
const loaded = await loadRubric(`${root}/rubrics/docker-basics`, registry);
if (!loaded.ok) {
  for (const problem of loaded.problems) console.error(formatProblem(problem, "en"));
  process.exit(2);
}
const outcomes = await runExamples({
  dir: `${root}/submissions-example`,
  rubric: loaded.rubric,
  docker: dockerBackend,
  update,
  only: only.length > 0 ? only : undefined,
  log: (line) => process.stderr.write(`  … ${line}\n`),
});
let failed = 0;
for (const outcome of outcomes) {
  const mark = outcome.differences.length === 0 ? "ok  " : "DIFF";
  console.log(`${mark} ${outcome.name}: ${outcome.report.score}/${outcome.report.maxScore}`);
  for (const line of outcome.differences) console.log(`       ${line}`);
  if (outcome.differences.length > 0) failed++;
}
if (update)
  console.log("EXPECTED.json files rewritten: review `git diff submissions-example` before committing.");
process.exit(failed > 0 && !update ? 1 : 0);
