import { Type as T } from "@sinclair/typebox";
import { engineStatus } from "../src/docker/engine.js";
import type { ContainerHandle } from "../src/docker/session.js";
import { defineGrader, type Finding, type GraderContext, type GraderResult } from "../src/grader/contract.js";
import { formatLogs } from "./kit/app/diagnose.js";
import { scoreParts } from "./kit/app/score-parts.js";
import { sessionWithImage } from "./kit/app/session-gate.js";
import { appRunOptions, leaseAppToStop } from "./kit/app/shared-start.js";
import { logLinesParam } from "./kit/app/start.js";
import { judgeExited, judgePorts, judgeRemoved, judgeStop, type SubCheck } from "./lifecycle/judge.js";
import { type LifecycleMessageId, lifecycleMessages } from "./lifecycle/messages.js";

const Weight = (fallback: number, what: string) =>
  T.Number({ minimum: 0, default: fallback, description: `Weight of ${what} (0: not scored).` });

/**
 * `lifecycle`: what step 3 teaches about a container's life, on the student's image. Started and
 * answering, `docker inspect` shows its published port (and the image declares EXPOSE); `docker stop`
 * ends it by itself, quickly, with an accepted exit code (0, or 143 through an init) — a shell-form CMD
 * whose `sh` ignores SIGTERM is killed after the grace period (137) and the message explains PID 1 and
 * the exec form; stopped, it stays visible as exited; `docker rm` removes it. Each part scored apart.
 * It needs only a container that starts: an app that never answers on its port (a wrong route, a wrong
 * address) is still stopped and judged; one that is refused or exits by itself is `skipped`.
 */
export default defineGrader({
  id: "lifecycle",
  description: {
    en: "The container stops cleanly and quickly on `docker stop` (PID 1 handles SIGTERM), stays listed as exited, shows its port in `docker inspect`, and `docker rm` removes it.",
    fr: "Le conteneur s'arrête proprement et vite sur `docker stop` (le PID 1 traite SIGTERM), reste listé à l'état exited, montre son port dans `docker inspect`, et `docker rm` le supprime.",
  },
  params: T.Object(
    {
      port: T.Integer({
        minimum: 1,
        maximum: 65535,
        default: 5000,
        description: "Container port of the app.",
      }),
      readyPath: T.String({
        pattern: "^/",
        default: "/quote",
        description: "Path probed until the app answers, before it is stopped.",
      }),
      startTimeout: T.Optional(
        T.Number({
          exclusiveMinimum: 0,
          maximum: 600,
          description: "Seconds to wait for the app to answer; default: the assignment's `timeouts.start`.",
        }),
      ),
      graceSeconds: T.Integer({
        minimum: 1,
        maximum: 120,
        default: 10,
        description: "Grace period of `docker stop -t` before SIGKILL.",
      }),
      maxStopSeconds: T.Number({
        exclusiveMinimum: 0,
        maximum: 120,
        default: 5,
        description: "A clean stop must take at most this long.",
      }),
      acceptedExitCodes: T.Array(T.Integer({ minimum: 0, maximum: 255 }), {
        minItems: 1,
        default: [0, 143],
        description:
          "Exit codes of a clean stop: 0 (Gunicorn on SIGTERM), 143 (128+SIGTERM, through an init).",
      }),
      weights: T.Object(
        {
          stop: Weight(2, "the clean, quick stop"),
          exited: Weight(1, "the stopped container staying listed as exited"),
          ports: Weight(1, "the published port shown by inspect and declared by EXPOSE"),
          remove: Weight(1, "the removal by docker rm"),
        },
        {
          additionalProperties: false,
          default: { stop: 2, exited: 1, ports: 1, remove: 1 },
          description: "Weight of each part: stop, exited, ports, remove (0: not scored).",
        },
      ),
      logLines: logLinesParam,
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: lifecycleMessages,
  example: { graceSeconds: 10, maxStopSeconds: 5, weights: { stop: 2, exited: 1, ports: 1, remove: 1 } },
  async run(ctx, params) {
    if (Object.values(params.weights).every((w) => w === 0))
      return { status: "error", findings: [{ messageId: "noWeight", severity: "problem" }] };
    const session = await sessionWithImage(ctx);
    if (!session.ok) return session.result;
    // The app started the same way by an http check is taken over once that check (and an exec check with
    // `inAppRun`) is done with it (one container instead of two); this check has it to itself before it stops it.
    const lease = await leaseAppToStop(ctx, appRunOptions(ctx, params));
    const started = lease.start;
    try {
      // What this check needs is a container that starts: one that is refused, or exits by itself before
      // the stop, has no SIGTERM handling to judge (the check that starts the app reports why, once).
      if (!started.ok && !started.container) return notStarted(started.result);
      // Present from here: the app answered, or it was created and then failed to answer.
      const container = started.container as ContainerHandle;
      if (!started.ok) {
        const state = (await container.inspect()).State;
        if (!state.Running)
          return {
            status: "skipped",
            findings: [
              { messageId: "exitedBeforeStop", severity: "info", data: { exitCode: state.ExitCode } },
            ],
          };
      }
      // The stop is judged even when the app never answered: its PID 1 still gets the signal.
      const notes: Finding<LifecycleMessageId>[] = started.ok
        ? started.notes
        : [{ messageId: "notReady", severity: "info", data: { port: params.port } }];
      const parts = await lifecycleParts(ctx, container, params);
      const scored = scoreParts(parts, params.weights);
      return { ...scored, findings: [...notes, ...scored.findings] };
    } finally {
      await lease.release();
    }
  },
});

/** A container that could not start: skipped when the image is at fault (the http check fails it), else as is. */
function notStarted(result: GraderResult<LifecycleMessageId>): GraderResult<LifecycleMessageId> {
  if (result.status !== "fail") return result;
  const [first] = result.findings;
  return {
    status: "skipped",
    findings: [
      { messageId: "notStarted", severity: "info", data: { error: String(first?.data?.error ?? "?") } },
    ],
  };
}

interface Params {
  port: number;
  graceSeconds: number;
  maxStopSeconds: number;
  acceptedExitCodes: number[];
  logLines: number;
}

/** The four parts in the order a student runs them: inspect, stop, ps -a, rm. */
async function lifecycleParts(
  ctx: GraderContext,
  container: ContainerHandle,
  params: Params,
): Promise<SubCheck[]> {
  const docker = ctx.docker as NonNullable<GraderContext["docker"]>;
  const running = await container.inspect();
  const exposed = Object.keys((await docker.inspectImage()).Config.ExposedPorts ?? {});
  const exitedWith = running.State.Running ? undefined : running.State.ExitCode;
  const ports = judgePorts(running.NetworkSettings.Ports ?? {}, exposed, params.port, exitedWith);
  const stop = await container.stop(params.graceSeconds);
  const logs = formatLogs(
    (await container.logs({ tail: 200, maxBytes: 16 * 1024 })).text.split("\n"),
    params.logLines,
  );
  const stopped = judgeStop({
    stop,
    pid1: [running.Path, ...running.Args],
    graceSeconds: params.graceSeconds,
    maxStopSeconds: params.maxStopSeconds,
    acceptedExitCodes: params.acceptedExitCodes,
    logs,
    memoryMb: ctx.assignment.limits.memoryMb,
  });
  const after = await container.inspect().catch((error) => {
    if (engineStatus(error) === 404) return undefined;
    throw error;
  });
  const exited = judgeExited(after?.State);
  let removeError: string | undefined;
  await container.remove().catch((error: Error) => {
    removeError = error.message;
  });
  const stillThere = await container.inspect().then(
    () => true,
    (error) => engineStatus(error) !== 404,
  );
  return [stopped, exited, ports, judgeRemoved({ error: removeError, stillThere })];
}
