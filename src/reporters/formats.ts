/** The report formats, by name: a list the command line can offer without loading any reporter. */
export const REPORT_FORMATS = ["json", "text", "md", "classroom", "github", "junit", "gradescope"] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
