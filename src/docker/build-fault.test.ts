import { describe, expect, it } from "vitest";
import { buildFault } from "./build-fault.js";

const step = { index: 4, total: 8, instruction: "RUN sleep infinity" };

describe("buildFault", () => {
  it.each([
    [{ reason: "failed" }, "student"],
    [{ reason: "context-too-large" }, "student"],
    [{ reason: "refused" }, "student"],
    [{ reason: "disk" }, "student"],
    [{ reason: "timeout", failingStep: step }, "student"],
    [{ reason: "timeout" }, "harness"],
    [{ reason: "aborted", failingStep: step }, "harness"],
    [{ reason: "engine" }, "harness"],
    [{ reason: "pull" }, "harness"],
  ] as const)("%j is the %s's", (outcome, fault) => {
    expect(buildFault(outcome)).toBe(fault);
  });
});
