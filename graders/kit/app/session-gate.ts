import { type DockerSession, ImageUnavailableError } from "../../../src/docker/session.js";
import { builtImage } from "../../../src/grader/built-image.js";
import type { GraderContext, GraderResult } from "../../../src/grader/contract.js";
import type { StartMessageId } from "./start-messages.js";

/**
 * The Docker session, or the result a grader returns without it. The one gate of every grader that needs
 * the image (`builtImage`): `skipped` when the student's build failed, `error` when the harness could not
 * build — whose it is decided once, by `buildFault`.
 */
export async function sessionWithImage(
  ctx: GraderContext,
): Promise<{ ok: true; docker: DockerSession } | { ok: false; result: GraderResult<StartMessageId> }> {
  const image = await builtImage(ctx);
  return image.ok ? { ok: true, docker: image.docker } : image;
}

/** A start refused because of the image (missing program, bad entrypoint) fails; anything else is ours. */
export function startError(error: unknown): GraderResult<StartMessageId> {
  // The gate saw the image built: losing it now is the harness's, never the student's.
  if (error instanceof ImageUnavailableError)
    return problem("error", "imageUnavailable", { reason: "build", error: error.message });
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
