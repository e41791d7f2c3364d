import { beforeAll, describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";
import { loadRubric } from "../rubric/load.js";
import type { Rubric } from "../rubric/types.js";
import { gradeSource } from "./grade-source.js";
import { rerenderReport } from "./rerender.js";

// A submission with problems (shell-form CMD), graded without Docker so it runs anywhere: the French
// report re-rendered in English must be the English report, apart from the clock.
const noDocker = {
  probe: async () => ({ available: false as const, reason: "test: no engine" }),
  open: async () => {
    throw new Error("no engine in this test");
  },
};
let rubric: Rubric;
const graded: Partial<Record<Lang, Report>> = {};

const timeless = (report: Report) => ({
  ...report,
  startedAt: "",
  durationMs: 0,
  steps: report.steps.map((s) => ({ ...s, checks: s.checks.map((c) => ({ ...c, durationMs: 0 })) })),
});

beforeAll(async () => {
  const loaded = await loadRubric("src/batch/__fixtures__/rubric-small", registry);
  if (!loaded.ok) throw new Error("the test rubric does not load");
  rubric = loaded.rubric;
  for (const lang of ["fr", "en"] as const)
    graded[lang] = await gradeSource("submissions-example/shell-form-cmd", {
      rubric,
      registry,
      lang,
      docker: noDocker,
    });
});

describe("rerenderReport", () => {
  it("turns a French report into the English one, findings, check messages, titles and all", () => {
    const fr = graded.fr as Report;
    const en = graded.en as Report;
    expect(fr.steps.flatMap((s) => s.checks).some((c) => c.status === "fail")).toBe(true);
    const result = rerenderReport(fr, { lang: "en", rubric, registry });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(timeless(result.report)).toEqual(timeless(en));
    expect(result.report.rubric.title).toBe("Test batch");
    expect(result.report.steps[0]?.title).toBe("Files and Dockerfile");
  });

  it("and back: English to French gives the French report", () => {
    const result = rerenderReport(graded.en as Report, { lang: "fr", rubric, registry });
    expect(result.ok && timeless(result.report)).toEqual(timeless(graded.fr as Report));
  });

  it("refuses a report graded with another rubric, naming both", () => {
    const other = {
      ...(graded.fr as Report),
      rubric: { id: "docker-basics", title: "x", digest: "ab".repeat(32) },
    };
    const result = rerenderReport(other, { lang: "en", rubric, registry });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringContaining(
          "graded with rubric docker-basics (digest abababababab), not with batch-small",
        ),
      ],
    });
  });

  it("lists every finding whose message it does not know, and translates nothing", () => {
    const fr = graded.fr as Report;
    const broken: Report = {
      ...fr,
      steps: fr.steps.map((s) => ({
        ...s,
        checks: s.checks.map((c) => ({
          ...c,
          findings: c.findings.map((f) => ({ ...f, messageId: `gone.${f.messageId}` })),
        })),
      })),
    };
    const result = rerenderReport(broken, { lang: "en", rubric, registry });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBe(fr.steps.flatMap((s) => s.checks).flatMap((c) => c.findings).length);
    expect(result.problems[0]).toMatch(
      /^dockerfile-present: the files grader has no message "gone\.present"$/,
    );
  });
});
