import { describe, expect, it } from "vitest";
import { clock, liveProgress, plainProgress } from "./progress.js";
import type { SubmissionRow } from "./types.js";

const row = (id: string, status: "graded" | "error", extra: Partial<SubmissionRow> = {}): SubmissionRow => ({
  id,
  columns: {},
  status,
  maxScore: 100,
  steps: {},
  notPassed: [],
  harnessErrors: [],
  ...(status === "graded" ? { score: 87.5 } : { error: "the clone failed" }),
  ...extra,
});

describe("batch progress", () => {
  it("prints one plain line per finished submission, with no escape codes", () => {
    const out: string[] = [];
    const progress = plainProgress("en", (t) => out.push(t));
    progress.start(2);
    progress.phase("alice", "Builds");
    progress.finished(row("alice", "graded"), 61_000);
    progress.finished(row("bob", "error"), 1_000);
    progress.end();
    expect(out.join("")).toBe(
      "[1/2] alice  87.5/100  (graded, 1:01)\n[2/2] bob  NOT GRADED: the clone failed\n",
    );
    expect(out.join("")).not.toContain("\u001b");
  });

  it("shows the running submissions with their current check, then redraws in place", () => {
    const out: string[] = [];
    let now = 0;
    const progress = liveProgress("fr", (t) => out.push(t), { concurrency: 2, now: () => now });
    progress.start(3);
    progress.phase("alice", "clone");
    progress.phase("bob", "L'API répond");
    now = 5_000;
    progress.finished(row("carol", "graded", { reused: true }), 4_000);
    const screen = out.join("");
    expect(screen).toContain("terminés 0/3 · en cours 0");
    expect(screen).toContain("[1/3] carol  87.5/100  (inchangé, rapport précédent conservé)");
    expect(screen).toContain("  alice — récupération du dépôt (0:05)");
    expect(screen).toContain("  bob — L'API répond (0:05)");
    expect(screen).toContain("environ 0:04 restant");
    expect(screen.split("\u001b[").some((part) => /^\d+F$/.test(part))).toBe(true);
    expect(screen).toContain("\u001b[J");
    progress.end();
  });

  it.each([
    [0, "0:00"],
    [59_400, "0:59"],
    [61_000, "1:01"],
    [3_600_000, "60:00"],
  ])("clock(%d) = %s", (ms, text) => {
    expect(clock(ms)).toBe(text);
  });
});
