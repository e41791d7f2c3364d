import { describe, expect, it } from "vitest";
import { reportDestination } from "./report-destination.js";

describe("reportDestination", () => {
  it.each([
    ["--out given", "out", "/home/s/lab", "/home/s/lab", { dir: "out" }],
    ["--no-out", false, "/home/s/lab", "/tmp", { none: "asked" }],
    ["run in the graded folder", undefined, "/home/s/lab", "/home/s/lab", { none: "inside-submission" }],
    [
      "run below the graded folder",
      undefined,
      "/home/s/lab",
      "/home/s/lab/tp1",
      { none: "inside-submission" },
    ],
    ["grading a folder elsewhere", undefined, "/home/t/class/alice", "/home/t", { dir: "reports" }],
    ["a sibling with a common prefix", undefined, "/home/s/lab", "/home/s/lab2", { dir: "reports" }],
    ["a git URL", undefined, undefined, "/home/s/lab", { dir: "reports" }],
  ] as const)("%s", (_name, out, sourceDir, cwd, expected) => {
    expect(reportDestination({ out, sourceDir, cwd })).toEqual(expected);
  });
});
