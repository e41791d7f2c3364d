// Run by scripts/bundle.mjs (bundled by esbuild first): the source of dist/cli/rubric-validators.js, the
// validators of the rubric's schemas and of every bundled grader's parameters, compiled ahead of time.
import { registry } from "../graders/index.js";
import { precompiledValidatorsSource } from "../src/rubric/precompile-validators.js";
import { AssignmentSchema, StepSchema } from "../src/rubric/schema.js";

export const source = precompiledValidatorsSource({
  plain: [AssignmentSchema, StepSchema],
  defaulting: [...registry.values()].map((grader) => grader.params),
});
