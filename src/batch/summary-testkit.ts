// Test helpers for class-level outputs: the fixture class (plausible, made-up students) and a copy of it
// where every student-controlled string tries to break out of its escaping.
import { readFileSync } from "node:fs";
import type { Report } from "../report/schema.js";
import type { ClassSummary } from "./types.js";

const FIXTURE = new URL("./__fixtures__/summary.json", import.meta.url);

/** The fixture class: 12 students, 2 that could not be graded, 4 similar pairs (one with a reference). */
export function loadSummaryFixture(): ClassSummary {
  return JSON.parse(readFileSync(FIXTURE, "utf8")) as ClassSummary;
}

/** Each hostile string sets `window.__pwned` if it ever runs as code. */
export const HOSTILE = {
  name: "Jade <script>window.__pwned = 'name'</script> Simon",
  username: `<img src=x onerror="window.__pwned = 'username'">`,
  error: "</td></tr><script>window.__pwned = 'error'</script><tr><td>",
  passage: "</pre><script>window.__pwned = 'passage'</script>\n<img src=x onerror=window.__pwned='img'>",
  checkTitle: "<b onmouseover=window.__pwned='title'>Volume</b> & \u2028 quotes",
  rubricTitle: "</title><script>window.__pwned = 'rubric'</script>TP",
  column: `name"><svg onload="window.__pwned='column'">`,
  reportPath: "javascript:window.__pwned='link'//report.md",
  commit: `"><script>window.__pwned='commit'</script>`,
} as const;

/** The fixture class with hostile strings in every place a student (or a roster) can write. */
export function withHostileStrings(summary: ClassSummary): ClassSummary {
  const copy = structuredClone(summary);
  copy.rubric.title = HOSTILE.rubricTitle;
  const nameColumn = "name";
  copy.columns = copy.columns.map((column) => (column === nameColumn ? HOSTILE.column : column));
  copy.submissions = copy.submissions.map((row) => {
    const columns = Object.fromEntries(
      Object.entries(row.columns).map(([key, value]) => [key === nameColumn ? HOSTILE.column : key, value]),
    );
    return { ...row, columns };
  });
  const jade = copy.submissions.find((row) => row.id === "e2311");
  const errored = copy.submissions.find((row) => row.status === "error");
  if (!jade || !errored) throw new Error("the summary fixture lost the students this helper edits");
  jade.columns[HOSTILE.column] = HOSTILE.name;
  jade.columns.github_username = HOSTILE.username;
  jade.reportPath = HOSTILE.reportPath;
  jade.commit = HOSTILE.commit;
  errored.error = HOSTILE.error;
  const failed = copy.mostFailed[0];
  if (failed) failed.title = HOSTILE.checkTitle;
  const passage = copy.similarity[0]?.passages[0];
  if (passage) passage.b = HOSTILE.passage;
  return copy;
}

/** A minimal valid report of a class member: one step of the given checks, scored as they are. */
export function memberReport(steps: Report["steps"] = []): Report {
  const score = steps.reduce((sum, step) => sum + step.score, 0);
  const maxScore = steps.reduce((sum, step) => sum + step.maxScore, 0);
  return {
    schemaVersion: "1.1.0",
    tool: { name: "dockgrade", version: "0" },
    lang: "en",
    submission: { source: "x", path: "" },
    rubric: { id: "r", title: "R", digest: "d" },
    environment: { docker: { available: true, version: "20" } },
    score: steps.length > 0 ? score : 10,
    maxScore: steps.length > 0 ? maxScore : 10,
    startedAt: "2026-12-01T00:00:00Z",
    durationMs: 1,
    steps,
  };
}
