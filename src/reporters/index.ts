import type { Report } from "../report/schema.js";
import { renderClassroom } from "./classroom.js";
import type { ReportFormat } from "./formats.js";
import { renderGithubLog } from "./github.js";
import { renderGradescope } from "./gradescope.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderText } from "./text.js";
import { newStopToken } from "./workflow-commands.js";

export interface RenderOptions {
  color: boolean;
  showHidden: boolean;
  /** `github`: the `::stop-commands::` token (a fresh random one when left out). */
  stopToken?: string;
  /** `github`: the submission folder relative to the repository checkout, for annotation paths. */
  pathPrefix?: string;
}

/** The one map from format name to reporter. Every reporter is a pure function of the JSON report. */
export const reporters = {
  json: (report: Report, _options?: RenderOptions) => `${JSON.stringify(report, null, 2)}\n`,
  text: (report: Report, options: RenderOptions) => renderText(report, options),
  md: (report: Report, options: RenderOptions) => renderMarkdown(report, options),
  classroom: (report: Report, _options?: RenderOptions) => renderClassroom(report),
  github: (report: Report, options: RenderOptions) =>
    renderGithubLog(report, {
      stopToken: options.stopToken ?? newStopToken(),
      pathPrefix: options.pathPrefix,
    }),
  junit: (report: Report, options: RenderOptions) => renderJunit(report, options),
  gradescope: (report: Report, _options?: RenderOptions) => renderGradescope(report),
} as const satisfies Record<ReportFormat, (report: Report, options: RenderOptions) => string>;

export { REPORT_FORMATS, type ReportFormat } from "./formats.js";
