import type { AnyGrader, GraderContext, GraderResult } from "../grader/contract.js";
import type { engineMessages } from "./messages.js";

/**
 * Runs one grader under a deadline. A grader that throws or overruns never ends the run: it becomes an
 * `error` result naming the cause, and the abort signal tells it to stop what it started.
 */
export async function runGrader(
  grader: AnyGrader,
  params: Record<string, unknown>,
  context: Omit<GraderContext, "signal">,
  parentSignal?: AbortSignal,
): Promise<GraderResult> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parentSignal?.reason);
  parentSignal?.addEventListener("abort", onParentAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<GraderResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error("check timed out"));
      resolve(
        engineResult("error", "timedOut", {
          seconds: Math.round(context.check.timeoutMs / 1000),
          grader: grader.id,
        }),
      );
    }, context.check.timeoutMs);
  });
  try {
    const run = Promise.resolve()
      .then(() => grader.run({ ...context, signal: controller.signal }, params))
      .catch((error: unknown) =>
        engineResult("error", "crashed", { grader: grader.id, cause: describe(error) }),
      );
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
    parentSignal?.removeEventListener("abort", onParentAbort);
  }
}

/** A result made by the engine itself; its message ids carry the `engine.` prefix. */
export function engineResult(
  status: "error" | "skipped",
  id: keyof typeof engineMessages,
  data: Record<string, string | number>,
): GraderResult {
  return {
    status,
    findings: [{ messageId: `engine.${id}`, severity: status === "error" ? "problem" : "info", data }],
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
