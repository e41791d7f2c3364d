/**
 * dockgrade's library API: grade a submission, load and check a rubric, render or re-word a report.
 * Everything here is covered by semver; anything imported from deeper paths is not.
 *
 *   import { dockerBackend, gradeSource, graders, loadRubric, bundledRubric, reporters } from "dockgrade";
 *   const loaded = await loadRubric(bundledRubric(), graders);
 *   if (loaded.ok) {
 *     const report = await gradeSource("path/to/lab", { rubric: loaded.rubric, lang: "en", docker: dockerBackend });
 *     process.stdout.write(reporters.text(report, { color: false, showHidden: false }));
 *   }
 */
import { registry } from "../graders/index.js";
import type { GradeOptions } from "./engine/grade.js";
import { type GradeSourceOptions as EngineOptions, gradeSource as gradeWith } from "./engine/grade-source.js";
import type { GraderRegistry } from "./grader/contract.js";
import type { Report } from "./report/schema.js";

export { registry as graders } from "../graders/index.js";
export type { DockerBackend } from "./docker/backend.js";
export { dockerBackend } from "./docker/backend.js";

/** gradeSource's options; `registry` defaults to the bundled graders (`graders`). */
export type GradeSourceOptions = Omit<EngineOptions, "registry"> & { registry?: GraderRegistry };

/** Grades one submission named by a folder or a git URL (see engine/grade-source.ts). */
export function gradeSource(
  source: string,
  options: GradeSourceOptions & Pick<GradeOptions, "onCheck" | "onCheckStart">,
): Promise<Report> {
  return gradeWith(source, { ...options, registry: options.registry ?? registry });
}
export { type RerenderResult, rerenderReport } from "./engine/rerender.js";
export {
  type AnyGrader,
  type CheckStatus,
  defineGrader,
  type Finding,
  type GraderContext,
  type GraderDefinition,
  type GraderRegistry,
  type GraderResult,
} from "./grader/contract.js";
export type { Lang } from "./i18n/text.js";
export { bundledRubric, toolVersion } from "./package-info.js";
export {
  type CheckResult,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportFinding,
  type StepResult,
} from "./report/schema.js";
export { reportErrors } from "./report/validate.js";
export { REPORT_FORMATS, type RenderOptions, type ReportFormat, reporters } from "./reporters/index.js";
export { loadRubric, type RubricLoad } from "./rubric/load.js";
export type { Rubric } from "./rubric/types.js";
export { SubmissionError } from "./submission/submission-error.js";
