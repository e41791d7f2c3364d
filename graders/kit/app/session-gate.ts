import { buildFault } from "../../../src/docker/build-fault.js";
import { type DockerSession, ImageUnavailableError } from "../../../src/docker/session.js";
import type { GraderContext, GraderResult } from "../../../src/grader/contract.js";
import type { StartMessageId } from "./start-messages.js";

/**
 * The Docker session, or the result a grader returns without it: `skipped` when the student's build
 * failed, `error` when the harness could not build (see `buildFault`).
 */
export async function sessionWithImage(
  ctx: GraderContext,
): Promise<{ ok: true; docker: DockerSession } | { ok: false; result: GraderResult<StartMessageId> }> {
  if (!ctx.docker) return { ok: false, result: problem("error", "noSession") };
  const outcome = await ctx.docker.image();
  if (outcome.ok) return { ok: true, docker: ctx.docker };
  const data = { reason: outcome.reason, error: outcome.message };
  // Only a build the student's work broke is skipped; anything else means the check could not be made.
  // Whose it is is decided once, by `buildFault`, as for every grader that needs the image.
  const harness = buildFault(outcome) === "harness";
  return {
    ok: false,
    result: harness
      ? { status: "error", findings: [{ messageId: "imageError", severity: "problem", data }] }
      : { status: "skipped", findings: [{ messageId: "imageMissing", severity: "info", data }] },
  };
}

/** A start refused because of the image (missing program, bad entrypoint) fails; anything else is ours. */
export function startError(error: unknown): GraderResult<StartMessageId> {
  if (error instanceof ImageUnavailableError)
    return problem("error", "imageError", { reason: "build", error: error.message });
  const message = error instanceof Error ? error.message : String(error);
  const studentCause =
    /OCI runtime|executable file not found|no such file or directory|permission denied|exec format error/i;
  return studentCause.test(message)
    ? problem("fail", "startRefused", { error: message.replace(/^container \S+ could not start: /, "") })
    : problem("error", "startEngineError", { error: message });
}

function problem(
  status: "fail" | "error",
  messageId: StartMessageId,
  data?: Record<string, string>,
): GraderResult<StartMessageId> {
  return { status, findings: [{ messageId, severity: "problem", ...(data ? { data } : {}) }] };
}
