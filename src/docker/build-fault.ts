import type { BuildFailure } from "./build.js";

/**
 * Whose a failed build is — the one decision every grader that needs the image follows (the build check
 * grades it `fail` or `error`; the others are `skipped` or `error` from it).
 * - the student's: the Dockerfile or the context is wrong (`failed`, `context-too-large`), the sandbox refused
 *   it (`refused`), it wrote past its disk budget (`disk`), or one of its steps never ended within the build
 *   timeout (a step that hangs fails, as a test that hangs fails in CI);
 * - the harness's: the timeout passed before any step started, the run was cancelled (`aborted`), the engine
 *   failed (`engine`), a base image could not be obtained for a reason that is not the FROM line's (`pull`).
 */
export function buildFault(outcome: Pick<BuildFailure, "reason" | "failingStep">): "student" | "harness" {
  switch (outcome.reason) {
    case "failed":
    case "context-too-large":
    case "refused":
    case "disk":
      return "student";
    case "timeout":
      return outcome.failingStep ? "student" : "harness";
    default:
      return "harness";
  }
}
