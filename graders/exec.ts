import { type Static, Type as T } from "@sinclair/typebox";
import { type ContainerHandle, readOnlyFailure } from "../src/docker/session.js";
import { defineGrader, type Finding, type GraderContext, type GraderResult } from "../src/grader/contract.js";
import { PatternString } from "../src/text/pattern.js";
import { type ExecRun, judgeExec } from "./exec/judge.js";
import { type ExecMessageId, execMessages } from "./exec/messages.js";
import { execPlace } from "./exec/place.js";
import { argvText, formatLogs } from "./kit/app/diagnose.js";
import { sessionWithImage, startError } from "./kit/app/session-gate.js";
import { appRunOptions, leaseApp } from "./kit/app/shared-start.js";
import { logLinesParam, startApp } from "./kit/app/start.js";

const ExecParams = T.Object(
  {
    command: T.Array(T.String(), { minItems: 1, description: "The command as an argv (no shell)." }),
    expectedExitCode: T.Integer({ minimum: 0, maximum: 255, default: 0, description: "Expected exit code." }),
    expectedOutput: T.Array(PatternString(), {
      default: [],
      description: "Patterns the output (stdout and stderr) must all match.",
    }),
    excludedOutput: T.Array(PatternString(), {
      default: [],
      description: "Patterns the output must not match.",
    }),
    timeoutSeconds: T.Number({
      exclusiveMinimum: 0,
      maximum: 300,
      default: 10,
      description: "Seconds the command may run.",
    }),
    user: T.Optional(
      T.String({ minLength: 1, description: "User to run the command as; default: the image's USER." }),
    ),
    waitForApp: T.Boolean({
      default: false,
      description: "Run the command only once the app answers on `port`.",
    }),
    inAppRun: T.Boolean({
      default: false,
      description:
        "Run the command in the app's container shared with the http and lifecycle checks that start it with the same `port`, `readyPath`, `startTimeout` and `logLines` (one container fewer), once it answers or is seen not to; a container of its own when that one has exited or needed a writable root. The command must leave the app as it found it (one that times out runs on there): a lifecycle check stops it afterwards.",
    }),
    port: T.Integer({ minimum: 1, maximum: 65535, default: 5000, description: "Container port of the app." }),
    readyPath: T.String({
      pattern: "^/",
      default: "/quote",
      description: "Path probed with waitForApp or inAppRun.",
    }),
    startTimeout: T.Optional(
      T.Number({
        exclusiveMinimum: 0,
        maximum: 600,
        description:
          "Seconds to wait for the app with waitForApp or inAppRun; default: the assignment's `timeouts.start`.",
      }),
    ),
    logLines: logLinesParam,
  },
  { additionalProperties: false },
);

type Params = Static<typeof ExecParams>;

/**
 * `exec`: runs a command in the running container (`docker exec`, no shell: argv as given) and checks
 * its exit code and output, like container-structure-test's command tests. The container runs the
 * image's own command; with `waitForApp` the command runs only once the app answers on its port. With
 * `inAppRun` it runs in the app's run shared with the http and lifecycle checks that start it the same way
 * (see `execPlace` for when it runs in a container of its own instead). A command that fails on the
 * harness's read-only root is run once more in a container with a writable one.
 */
export default defineGrader({
  id: "exec",
  description: {
    en: "A command run in the running container (docker exec) exits with the expected code and prints what is expected, and nothing excluded.",
    fr: "Une commande lancée dans le conteneur en marche (docker exec) se termine avec le code attendu et affiche ce qui est attendu, sans rien d'exclu.",
  },
  params: ExecParams,
  requires: ["docker"],
  messages: execMessages,
  example: { command: ["python3", "-c", "import flask"], expectedExitCode: 0, excludedOutput: ["Traceback"] },
  async run(ctx, params) {
    const session = await sessionWithImage(ctx);
    if (!session.ok) return session.result;
    const first =
      (params.inAppRun ? await runInAppRun(ctx, params) : undefined) ??
      (await runInContainer(ctx, params, true));
    if ("result" in first) return first.result;
    if (first.passed || !readOnlyFailure(first.run.output)) return first.verdict;
    const second = await runInContainer(ctx, params, false);
    if ("result" in second) return second.result;
    const note: Finding<ExecMessageId> = { messageId: "readOnlyRetry", severity: "info" };
    return { ...second.verdict, findings: [...second.verdict.findings, note] };
  },
});

type Result = GraderResult<ExecMessageId>;
type Judged = { passed: boolean; run: ExecRun; verdict: Result };
type Attempt = { result: Result } | Judged;
/** The command's verdict, or the container it ran in having stopped (`exited`: that finding). */
type Ran = Judged | { exited: Result };

/**
 * The command in the app's shared run (`inAppRun`), holding its lease meanwhile; undefined when it is to
 * run in a container of its own: the app's container is gone, exited (before or during the command), or
 * runs on a writable root. The lease is released first, so the check stopping the app is not kept waiting.
 */
async function runInAppRun(ctx: GraderContext, params: Params): Promise<Judged | undefined> {
  const lease = await leaseApp(ctx, appRunOptions(ctx, params));
  try {
    const { container, writableRoot } = lease.start;
    const running = container ? (await container.inspect()).State.Running : false;
    const place = execPlace({
      container: container !== undefined,
      running,
      writableRoot: writableRoot === true,
    });
    if (place !== "app-run" || !container) return undefined;
    const ran = await runIn(container, params);
    return "exited" in ran ? undefined : ran;
  } finally {
    await lease.release();
  }
}

async function runInContainer(ctx: GraderContext, params: Params, readOnlyRootfs: boolean): Promise<Attempt> {
  const opened = await openContainer(ctx, params, readOnlyRootfs);
  try {
    if (!opened.ok) return { result: opened.result };
    const ran = await runIn(opened.container, params);
    return "exited" in ran ? { result: ran.exited } : ran;
  } finally {
    await opened.container?.remove().catch(() => undefined);
  }
}

/** Runs the command in a running container and judges it. */
async function runIn(container: ContainerHandle, params: Params): Promise<Ran> {
  const exec = await container
    .exec(params.command, {
      timeoutMs: params.timeoutSeconds * 1000,
      maxBytes: 64 * 1024,
      ...(params.user ? { user: params.user } : {}),
    })
    .catch((error: Error) => error);
  const state = (await container.inspect()).State;
  if (exec instanceof Error && !state.Running) {
    const logs = formatLogs(
      (await container.logs({ tail: 200, maxBytes: 16 * 1024 })).text.split("\n"),
      params.logLines,
    );
    const data = { command: argvText(params.command), exitCode: state.ExitCode, logs };
    return {
      exited: {
        status: "fail",
        findings: [{ messageId: "execContainerExited", severity: "problem", data }],
      },
    };
  }
  if (exec instanceof Error) throw exec;
  const run: ExecRun = { exitCode: exec.exitCode, timedOut: exec.timedOut, output: exec.output.text };
  const judged = judgeExec(params, run);
  const details = { exitCode: exec.exitCode, timedOut: exec.timedOut, durationMs: exec.durationMs };
  return {
    passed: judged.passed,
    run,
    verdict: { status: judged.passed ? "pass" : "fail", findings: judged.findings, details },
  };
}

type Opened =
  | { ok: true; container: ContainerHandle }
  | { ok: false; container?: ContainerHandle; result: Result };

/** The container the command runs in: started as is, or once the app answers (`waitForApp`). */
async function openContainer(ctx: GraderContext, params: Params, readOnlyRootfs: boolean): Promise<Opened> {
  if (params.waitForApp) {
    const started = await startApp(ctx, {
      port: params.port,
      readyPath: params.readyPath,
      startTimeoutSeconds: params.startTimeout ?? ctx.assignment.timeouts.start,
      container: { readOnlyRootfs },
    });
    return started.ok
      ? { ok: true, container: started.container }
      : { ok: false, container: started.container, result: started.result };
  }
  const docker = ctx.docker as NonNullable<GraderContext["docker"]>;
  try {
    return { ok: true, container: await docker.startContainer({ ports: [params.port], readOnlyRootfs }) };
  } catch (error) {
    return { ok: false, result: startError(error) };
  }
}
