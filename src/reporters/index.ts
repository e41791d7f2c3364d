import type { Report } from "../report/schema.js";
import { renderClassroom } from "./classroom.js";
import type { ReportFormat } from "./formats.js";
import { renderMarkdown } from "./markdown.js";
import { renderText } from "./text.js";

export interface RenderOptions {
  color: boolean;
  showHidden: boolean;
}

/** The one map from format name to reporter. Every reporter is a pure function of the JSON report. */
export const reporters = {
  json: (report: Report, _options?: RenderOptions) => `${JSON.stringify(report, null, 2)}\n`,
  text: (report: Report, options: RenderOptions) => renderText(report, options),
  md: (report: Report, options: RenderOptions) => renderMarkdown(report, options),
  classroom: (report: Report, _options?: RenderOptions) => renderClassroom(report),
} as const satisfies Record<ReportFormat, (report: Report, options: RenderOptions) => string>;

export { REPORT_FORMATS, type ReportFormat } from "./formats.js";
