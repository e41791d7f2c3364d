import { median, seconds } from "./stats.js";

/** The parts of a report.json the profile reads. */
interface ReportTimes {
  durationMs: number;
  steps: Array<{
    checks: Array<{ id: string; grader: string; durationMs: number; details?: Record<string, unknown> }>;
  }>;
}

const CONTAINER_GRADERS = new Set(["http", "lifecycle", "exec", "volume"]);
const IMAGE_GRADERS = new Set(["build", "image-size", "image-config", "tags", "layers", "claims"]);

/**
 * Where one submission's time goes, as medians over several gradings: the build, the app's first answer,
 * each container check, the image and local checks summed (they overlap the build and each other), and
 * what the process spends outside grading (start-up, reading the rubric, closing). Rows of [part, seconds].
 */
export function profileRows(reports: readonly ReportTimes[], processWallMs: readonly number[]): string[][] {
  const checks = (report: ReportTimes) => report.steps.flatMap((step) => step.checks);
  const of = (pick: (report: ReportTimes) => number) => median(reports.map(pick));
  const sum = (report: ReportTimes, keep: (grader: string) => boolean) =>
    checks(report)
      .filter((c) => keep(c.grader))
      .reduce((total, c) => total + c.durationMs, 0);
  const rows: string[][] = [
    ["grading, whole (report durationMs; checks overlap)", seconds(of((r) => r.durationMs))],
    [
      "  image build (build check, layer cache warm)",
      seconds(of((r) => checks(r).find((c) => c.grader === "build")?.durationMs ?? Number.NaN)),
    ],
    [
      "  container start → first answer (api-quote readyMs)",
      seconds(of((r) => Number(checks(r).find((c) => c.id === "api-quote")?.details?.readyMs ?? Number.NaN))),
    ],
  ];
  const ids = reports[0] ? checks(reports[0]).filter((c) => CONTAINER_GRADERS.has(c.grader)) : [];
  for (const { id, grader } of ids)
    rows.push([
      `  ${id} (${grader})`,
      seconds(of((r) => checks(r).find((c) => c.id === id)?.durationMs ?? Number.NaN)),
    ]);
  rows.push(
    ["  container checks, summed", seconds(of((r) => sum(r, (g) => CONTAINER_GRADERS.has(g))))],
    [
      "  image checks other than build, summed",
      seconds(of((r) => sum(r, (g) => IMAGE_GRADERS.has(g) && g !== "build"))),
    ],
    [
      "  local checks (files, Dockerfile, report), summed",
      seconds(of((r) => sum(r, (g) => !CONTAINER_GRADERS.has(g) && !IMAGE_GRADERS.has(g)))),
    ],
    [
      "process outside grading (start-up, rubric, probe, exit)",
      seconds(median(reports.map((r, i) => (processWallMs[i] ?? Number.NaN) - r.durationMs))),
    ],
  );
  return rows;
}
