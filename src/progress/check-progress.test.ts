import { describe, expect, it } from "vitest";
import type { CheckResult } from "../report/schema.js";
import { buildStepLine, clip, duration, elapsed, liveLines, resultLine, shownTitle } from "./check-lines.js";
import { liveCheckProgress, plainCheckProgress } from "./check-progress.js";

const result = (id: string, status: CheckResult["status"], score: number, extra: Partial<CheckResult> = {}) =>
  ({
    id,
    grader: "files",
    title: `Title of ${id}`,
    status,
    score,
    maxScore: 4,
    message: "",
    visibility: "visible",
    durationMs: 1234,
    findings: [],
    ...extra,
  }) as CheckResult;

const step = { index: 4, total: 8, instruction: "RUN pip install -r requirements.txt" };

describe("progress lines", () => {
  it.each([
    [0, "0:00"],
    [999, "0:00"],
    [7_400, "0:07"],
    [750_000, "12:30"],
  ])("elapsed(%d) = %s", (ms, text) => expect(elapsed(ms)).toBe(text));

  it.each([
    [420, "0.4 s"],
    [9_949, "9.9 s"],
    [12_400, "12 s"],
  ])("duration(%d) = %s", (ms, text) => expect(duration(ms)).toBe(text));

  it.each([
    ["en", "Step 4/8: RUN pip install -r requirements.txt"],
    ["fr", "Construction 4/8 : RUN pip install -r requirements.txt"],
  ] as const)("buildStepLine in %s", (lang, text) => expect(buildStepLine(step, lang)).toBe(text));

  it.each([
    [false, false, "en", "The API answers"],
    [true, true, "en", "The API answers"],
    [true, false, "en", "hidden check"],
    [true, false, "fr", "vérification masquée"],
  ] as const)("a check hidden=%s, showHidden=%s is named in %s: %s", (hidden, show, lang, text) =>
    expect(shownTitle("The API answers", hidden, show, lang)).toBe(text),
  );

  it.each([
    ["pass", 4, "en", "  PASS     Title of a  4/4  (1.2 s)"],
    ["partial", 2.5, "fr", "  PARTIEL  Title of a  2.5/4  (1.2 s)"],
    ["skipped", 0, "fr", "  IGNORÉ   Title of a  0/4  (1.2 s)"],
  ] as const)("resultLine for %s", (status, score, lang, text) =>
    expect(resultLine(result("a", status, score), "Title of a", lang)).toBe(text),
  );

  it("shows each running check with its time, then the build step and its last line", () => {
    const lines = liveLines(
      {
        running: new Map([["build", { title: "The image builds", since: 1_000 }]]),
        build: { step, since: 5_000, line: "Collecting flask" },
      },
      13_000,
      "en",
    );
    expect(lines).toEqual([
      "  …        The image builds  0:12",
      "             Step 4/8 (0:08): RUN pip install -r requirements.txt",
      "             │ Collecting flask",
    ]);
  });

  it.each([
    ["short", 10, "short"],
    ["a line that is too long", 10, "a line th…"],
    ["émoji ✓✓✓✓", 8, "émoji ✓…"],
  ])("clip(%j, %d)", (line, width, text) => expect(clip(line, width)).toBe(text));
});

describe("progress views", () => {
  const options = { lang: "en" as const, hidden: new Set(["secret"]), showHidden: false };

  it("plain: a line per build step and per finished check, no escape codes, hidden titles masked", () => {
    const out: string[] = [];
    const view = plainCheckProgress((t) => out.push(t), options);
    view.checkStarted({ id: "build", title: "The image builds" });
    view.build({ kind: "step", step });
    view.build({ kind: "output", line: "Collecting flask" });
    view.checkFinished(result("build", "pass", 4, { title: "The image builds" }));
    view.checkFinished(result("secret", "fail", 0, { title: "Secret check" }));
    view.end();
    const text = out.join("");
    expect(text).toBe(
      "             Step 4/8: RUN pip install -r requirements.txt\n" +
        "  PASS     The image builds  4/4  (1.2 s)\n" +
        "  FAIL     hidden check  0/4  (1.2 s)\n",
    );
    expect(text).not.toContain("\u001b");
  });

  it("live: redraws the running lines in place and leaves the result lines", async () => {
    const out: string[] = [];
    let now = 0;
    const view = liveCheckProgress((t) => out.push(t), { ...options, now: () => now });
    view.checkStarted({ id: "build", title: "The image builds" });
    view.build({ kind: "step", step });
    view.build({ kind: "output", line: "Collecting flask" });
    now = 3_000;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = out.join("");
    expect(during).toContain("The image builds  0:03");
    expect(during).toContain("Step 4/8 (0:03): RUN pip install -r requirements.txt");
    expect(during).toContain("│ Collecting flask");
    expect(during).toContain("\u001b[1F\u001b[J");
    view.build({ kind: "end", ok: true });
    view.checkFinished(result("build", "pass", 4, { title: "The image builds" }));
    view.end();
    expect(out.at(-2)).toContain("  PASS     The image builds  4/4");
  });

  it("leaves out the checks the watch loop reused", () => {
    const out: string[] = [];
    const view = plainCheckProgress((t) => out.push(t), { ...options, skip: (id) => id === "old" });
    view.checkFinished(result("old", "pass", 4));
    view.checkFinished(result("new", "pass", 4));
    expect(out.join("")).not.toContain("Title of old");
    expect(out.join("")).toContain("Title of new");
  });
});
