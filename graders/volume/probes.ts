import { randomBytes } from "node:crypto";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ContainerHandle, DockerSession, MountSpec } from "../../src/docker/session.js";
import type { GraderContext } from "../../src/grader/contract.js";
import { pythonError } from "../kit/app/diagnose.js";
import { type HttpOutcome, httpProbe } from "../kit/app/http-probe.js";
import { servedValue } from "../kit/app/json-field.js";
import { type AppStart, startApp } from "../kit/app/start.js";
import {
  judgeAppMasked,
  judgeLive,
  judgeMask,
  judgeNamedVolume,
  type MountFacts,
  type VolumePart,
  type VolumeTrip,
} from "./judge.js";

export interface VolumeParams {
  target: string;
  targetKind: "file" | "folder";
  fileName: string;
  port: number;
  path: string;
  field: string;
  volumeTarget: string;
  appDir: string;
  startTimeoutSeconds: number;
  maskWaitSeconds: number;
  logLines: number;
}

/** A line no image can already hold: the answer proves where it came from. */
export function probeLine(): string {
  return `dockgrade probe ${randomBytes(6).toString("hex")}: mounted from the host`;
}

/**
 * (a) and (b): the app started with a host file of one probe line mounted read-only over the target must
 * serve it; then, the file rewritten in place (same inode, as an editor saving it does) with a second
 * probe, it must serve that one, without restart. Also lists the app's folder for (d).
 */
export async function bindMountParts(
  ctx: GraderContext,
  params: VolumeParams,
  facts: MountFacts,
): Promise<{ started: AppStart; parts: VolumePart[]; baselineListing?: string[] }> {
  const docker = ctx.docker as DockerSession;
  const dir = await docker.tempDir();
  const first = probeLine();
  const second = probeLine();
  let file = path.join(dir, params.fileName);
  let source = file;
  if (params.targetKind === "folder") {
    source = path.join(dir, "mounted");
    await mkdir(source);
    await chmod(source, 0o755);
    file = path.join(source, params.fileName);
  }
  await writeFile(file, `${first}\n`, { mode: 0o644 });
  const mount: MountSpec = { type: "bind", source, target: params.target, readOnly: true };
  const started = await startApp(ctx, {
    port: params.port,
    readyPath: params.path,
    startTimeoutSeconds: params.startTimeoutSeconds,
    logLines: params.logLines,
    container: { mounts: [mount] },
  });
  try {
    if (!started.ok) return { started, parts: [] };
    const url = started.container.url(params.path, params.port) as string;
    const mask = judgeMask(facts, first, await httpProbe(url, { signal: ctx.signal }));
    const listing = await listFolder(started.container, params.appDir);
    if (!mask.passed) return { started, parts: [mask, notJudgedLive()], baselineListing: listing };
    await writeFile(file, `${second}\n`);
    const answer = await pollUntil(url, ctx.signal, params.field, second, 3000);
    return { started, parts: [mask, judgeLive(facts, { first, second }, answer)], baselineListing: listing };
  } finally {
    await started.container?.remove().catch(() => undefined);
  }
}

function notJudgedLive(): VolumePart {
  return { id: "live", passed: false, findings: [{ messageId: "liveNotJudged", severity: "problem" }] };
}

/** Asks until the served value is `wanted` or `ms` have passed; returns the last answer. */
async function pollUntil(url: string, signal: AbortSignal, field: string, wanted: string, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await httpProbe(url, { signal });
    const value = answer.ok ? servedValue(answer.body, field) : undefined;
    if (value === wanted || Date.now() >= deadline || signal.aborted) return answer;
    await sleep(200);
  }
}

// Writers and readers tried in turn: slim images have sh and cat; a shell-less Python image has python3.
const WRITERS = [
  (text: string, file: string) => ["sh", "-c", 'printf "%s\\n" "$1" > "$2"', "sh", text, file],
  (text: string, file: string) => [
    "python3",
    "-c",
    "import sys; open(sys.argv[2], 'w').write(sys.argv[1] + '\\n')",
    text,
    file,
  ],
];
const READERS = [
  (file: string) => ["cat", file],
  (file: string) => ["python3", "-c", "import sys; print(open(sys.argv[1]).read(), end='')", file],
];

/** (c): a probe written into a named volume is read back from a second container after the first is removed. */
export async function namedVolumePart(ctx: GraderContext, params: VolumeParams): Promise<VolumePart> {
  const docker = ctx.docker as DockerSession;
  const probe = probeLine();
  const volume = await docker.createVolume();
  const mounts: MountSpec[] = [{ type: "volume", source: volume, target: params.volumeTarget }];
  const file = path.posix.join(params.volumeTarget, "dockgrade-probe.txt");
  const trip = async (): Promise<VolumeTrip> => {
    const writer = await docker.startContainer({ ports: [params.port], mounts });
    try {
      const written = await runFirst(
        writer,
        WRITERS.map((w) => w(probe, file)),
      );
      if (written.exitedWith !== undefined) return { stage: "first-container", exitCode: written.exitedWith };
      if (!written.ok) return { stage: "write", output: written.output };
    } finally {
      await writer.remove().catch(() => undefined);
    }
    const reader = await docker.startContainer({ ports: [params.port], mounts });
    try {
      const read = await runFirst(
        reader,
        READERS.map((r) => r(file)),
      );
      if (read.exitedWith !== undefined) return { stage: "second-container", exitCode: read.exitedWith };
      return { stage: "read", found: read.ok ? read.output : `(${read.output})` };
    } finally {
      await reader.remove().catch(() => undefined);
    }
  };
  return judgeNamedVolume(params.volumeTarget, probe, await trip());
}

/** Runs the first command of `commands` that succeeds, as root (a volume's folder belongs to root). */
async function runFirst(container: ContainerHandle, commands: string[][]) {
  const failures: string[] = [];
  for (const argv of commands) {
    try {
      const result = await container.exec(argv, { user: "0", timeoutMs: 5000 });
      if (result.exitCode === 0) return { ok: true as const, output: result.output.stdout };
      failures.push(`${argv[0]}: ${result.output.text.trim() || `exit code ${result.exitCode}`}`);
    } catch (error) {
      const state = (await container.inspect()).State;
      if (!state.Running) return { ok: false as const, output: "", exitedWith: state.ExitCode };
      failures.push(`${argv[0]}: ${(error as Error).message}`);
    }
  }
  return { ok: false as const, output: failures.join("; "), exitedWith: undefined };
}

/** What the app did without the empty mount (from the bind-mounted run), that (d) compares with. */
export interface MaskBaseline {
  answered?: boolean;
  listing?: string[];
}

/**
 * (d): an empty folder mounted over the app's folder; the app must no longer start. `baseline` is only
 * needed for the verdict, so this container runs while the bind-mounted one of (a) and (b) does.
 */
export async function maskedAppPart(
  ctx: GraderContext,
  params: VolumeParams,
  baselineRun: Promise<MaskBaseline>,
  signal: AbortSignal = ctx.signal,
): Promise<VolumePart> {
  const docker = ctx.docker as DockerSession;
  const empty = await docker.tempDir();
  const container = await docker.startContainer({
    ports: [params.port],
    mounts: [{ type: "bind", source: empty, target: params.appDir, readOnly: true }],
  });
  try {
    const url = container.url(params.path, params.port) as string;
    const started = Date.now();
    let answer: HttpOutcome | undefined;
    let running = true;
    while (Date.now() - started < params.maskWaitSeconds * 1000 && !signal.aborted) {
      running = (await container.inspect()).State.Running;
      if (!running) break;
      answer = await httpProbe(url, { timeoutMs: 1000, signal });
      if (answer.ok) break;
      await sleep(250);
    }
    const info = await container.inspect();
    const exited = info.State.Running
      ? undefined
      : {
          exitCode: info.State.ExitCode,
          error: pythonError((await container.logs({ tail: 200, maxBytes: 16 * 1024 })).text.split("\n"))
            ?.message,
        };
    const waitedSeconds = (Date.now() - started) / 1000;
    const listing = info.State.Running ? await listFolder(container, params.appDir) : undefined;
    const baseline = await baselineRun;
    return judgeAppMasked(params.appDir, {
      baselineAnswered: baseline.answered,
      baselineListing: baseline.listing,
      answered: answer?.ok === true,
      exited,
      listing,
      waitedSeconds,
    });
  } finally {
    await container.remove().catch(() => undefined);
  }
}

async function listFolder(container: ContainerHandle, dir: string): Promise<string[] | undefined> {
  const result = await container.exec(["ls", "-A", dir], { timeoutMs: 3000 }).catch(() => undefined);
  if (result?.exitCode !== 0) return undefined;
  return result.output.stdout.split("\n").filter((name) => name.trim() !== "");
}
