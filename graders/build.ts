import path from "node:path";
import { Type as T } from "@sinclair/typebox";
import { buildFault } from "../src/docker/build-fault.js";
import type { BuildOutcome } from "../src/docker/session.js";
import { formatBytes } from "../src/format/bytes.js";
import { dockerfilePath } from "../src/grader/built-image.js";
import {
  defineGrader,
  type GraderContext,
  type Finding as GraderFinding,
  type GraderResult as Result,
} from "../src/grader/contract.js";
import { type BuildFacts, buildHints, missingCopySource, stepLine } from "./build/hints.js";
import { type BuildMessageId, buildMessages } from "./build/messages.js";

type Finding = GraderFinding<BuildMessageId>;
type GraderResult = Result<BuildMessageId>;

// Folders that have no business in a build context: when one is the heaviest entry, say so.
const HEAVY = new Set([".venv", "venv", "env", ".git", "node_modules", "__pycache__", ".idea", ".vscode"]);

/**
 * `build`: the submission's image builds with the engine's classic builder. The build is the session's
 * (one per submission, shared with every later Docker check); this grader turns its outcome into a
 * verdict: the failing step, its last lines and the likely cause when it fails; `error` when the engine
 * failed or the build did not finish in time.
 */
export default defineGrader({
  id: "build",
  description: {
    en: "The image builds from the submission's Dockerfile (classic builder, offline-friendly); a failure quotes the failing step and its last lines.",
    fr: "L'image se construit à partir du Dockerfile du rendu (builder classique) ; un échec cite l'étape fautive et ses dernières lignes.",
  },
  params: T.Object(
    {
      maxContextMb: T.Number({
        exclusiveMinimum: 0,
        maximum: 10_000,
        default: 300,
        description: "Largest build context accepted (MB, after .dockerignore).",
      }),
      outputLines: T.Integer({
        minimum: 1,
        maximum: 50,
        default: 12,
        description: "Output lines quoted on failure.",
      }),
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: buildMessages,
  async run(ctx, params) {
    if (!ctx.docker) return { status: "error", findings: [{ messageId: "noSession", severity: "problem" }] };
    const outcome = await ctx.docker.image({ maxContextBytes: params.maxContextMb * 1024 * 1024 });
    const facts = outcome.ok ? undefined : await readFacts(ctx, outcome);
    return judgeBuild(
      outcome,
      facts,
      params.outputLines,
      dockerfilePath(ctx),
      ctx.assignment.build.allowedBases,
    );
  },
});

/** The verdict on a build outcome. Pure: the outcome and what was read from the submission. */
export function judgeBuild(
  outcome: BuildOutcome,
  facts: BuildFacts | undefined,
  outputLines = 12,
  dockerfile = "Dockerfile",
  allowed: readonly string[] = [],
): GraderResult {
  const context = outcome.context;
  const contextDetails = context ? { contextBytes: context.bytes, contextFiles: context.files } : {};
  if (outcome.ok) {
    const findings: Finding[] = [
      {
        messageId: "built",
        severity: "ok",
        data: {
          seconds: (outcome.durationMs / 1000).toFixed(1),
          size: formatBytes(outcome.sizeBytes),
          imageId: outcome.imageId.replace(/^sha256:/, "").slice(0, 12),
          files: outcome.context.files,
          contextSize: formatBytes(outcome.context.bytes),
        },
      },
    ];
    const heavy = outcome.context.largest[0];
    if (heavy && HEAVY.has(heavy.path)) {
      findings.push({
        messageId: "heavyContext",
        severity: "info",
        code: "B004",
        data: {
          files: outcome.context.files,
          contextSize: formatBytes(outcome.context.bytes),
          largest: heavy.path,
          largestFiles: heavy.files,
          largestSize: formatBytes(heavy.bytes),
        },
      });
    }
    for (const base of outcome.baseImages ?? []) {
      findings.push({
        messageId: base.digest ? "baseImageDigest" : "baseImageLocal",
        severity: "info",
        data: {
          image: base.reference,
          digest: base.digest?.replace(/^.*@/, "") ?? "",
          imageId: base.id.replace(/^sha256:/, "").slice(0, 12),
        },
      });
    }
    const details = {
      durationMs: outcome.durationMs,
      ...contextDetails,
      imageId: outcome.imageId,
      sizeBytes: outcome.sizeBytes,
      reference: outcome.reference,
      steps: outcome.steps,
      ...(outcome.baseImages ? { baseImages: outcome.baseImages } : {}),
    };
    return { status: "pass", findings, details };
  }

  const step = outcome.failingStep;
  const lines = outcome.lastLines.slice(-outputLines);
  const output = lines.map((line) => `    ${line}`).join("\n");
  const stepData = step ? { step: step.index, total: step.total, instruction: step.instruction } : {};
  const details = {
    reason: outcome.reason,
    durationMs: outcome.durationMs,
    ...contextDetails,
    ...(step ? { failingStep: step } : {}),
    lastLines: lines,
    ...(outcome.timeoutMs ? { timeoutMs: outcome.timeoutMs } : {}),
  };
  const at = (finding: Finding): Finding => {
    const line =
      step && facts?.dockerfile ? stepLine(facts.dockerfile, step.index, step.instruction) : undefined;
    return line ? { ...finding, file: dockerfile, line } : finding;
  };

  switch (outcome.reason) {
    case "failed": {
      const main: Finding = step
        ? at({
            messageId: lines.length > 0 ? "stepFailed" : "stepFailedQuiet",
            severity: "problem",
            code: "B001",
            data: { ...stepData, error: outcome.message, output },
          })
        : { messageId: "buildFailed", severity: "problem", code: "B002", data: { error: outcome.message } };
      const hints = facts ? buildHints(outcome, facts) : [];
      const hintFindings = hints.map(
        (hint): Finding => ({
          messageId: hint.messageId,
          severity: "problem",
          code: hint.code,
          data: hint.data,
          ...(hint.line ? { file: dockerfile, line: hint.line } : {}),
        }),
      );
      return { status: "fail", findings: [main, ...hintFindings], details };
    }
    case "context-too-large": {
      const largest = context?.largest[0]?.path ?? "?";
      const data = {
        max: formatBytes(outcome.maxContextBytes ?? 0),
        contextSize: formatBytes(context?.bytes ?? 0),
        files: context?.files ?? 0,
        largest,
      };
      return {
        status: "fail",
        findings: [{ messageId: "contextTooLarge", severity: "problem", code: "B003", data }],
        details,
      };
    }
    case "timeout": {
      const seconds = Math.round((outcome.timeoutMs ?? 0) / 1000);
      const finding: Finding = step
        ? at({
            messageId: "timedOut",
            severity: "problem",
            data: { seconds, ...stepData, output: output || "    —" },
          })
        : { messageId: "timedOutEarly", severity: "problem", data: { seconds } };
      // Whose the timeout is: one decision for every grader (src/docker/build-fault.ts).
      return { status: buildFault(outcome) === "student" ? "fail" : "error", findings: [finding], details };
    }
    case "refused":
      return {
        status: "fail",
        findings: refusalFindings(outcome, dockerfile, allowed),
        details: { ...details, refusals: outcome.refusals ?? [] },
      };
    case "disk": {
      const data = {
        budget: formatBytes(outcome.diskBytes ?? 0),
        used: formatBytes(outcome.usedBytes ?? 0),
        ...stepData,
      };
      const finding: Finding = step
        ? at({ messageId: "diskExceeded", severity: "problem", code: "B008", data })
        : { messageId: "diskExceededEnd", severity: "problem", code: "B008", data };
      return {
        status: "fail",
        findings: [finding],
        details: { ...details, diskBytes: outcome.diskBytes, usedBytes: outcome.usedBytes },
      };
    }
    case "pull": {
      const pull = outcome.pull;
      const data = {
        image: pull?.image ?? "?",
        error: pull?.message ?? outcome.message,
        host: pull?.host ?? "the registry",
      };
      const messageId = PULL_MESSAGES[pull?.kind ?? "unknown"] ?? "pullUnknown";
      return {
        status: "error",
        findings: [{ messageId, severity: "problem", data }],
        details: { ...details, pull: pull ?? null },
      };
    }
    case "aborted":
      return { status: "error", findings: [{ messageId: "aborted", severity: "problem" }], details };
    case "engine":
      return {
        status: "error",
        findings: [{ messageId: "engineFailed", severity: "problem", data: { error: outcome.message } }],
        details,
      };
  }
}

const REFUSAL = {
  "add-url": { messageId: "refusedAddUrl", code: "B005" },
  "local-image": { messageId: "refusedLocalImage", code: "B006" },
  "unresolved-image": { messageId: "refusedUnresolvedImage", code: "B007" },
} as const;

/** One finding per refused instruction, at its line. */
function refusalFindings(
  outcome: Extract<BuildOutcome, { ok: false }>,
  dockerfile: string,
  allowed: readonly string[],
): Finding[] {
  const bases = allowed.length > 0 ? allowed.join(", ") : "python:3.12-slim";
  return (outcome.refusals ?? []).map((refusal) => ({
    ...REFUSAL[refusal.kind],
    severity: "problem",
    file: dockerfile,
    line: refusal.line,
    data: { line: refusal.line, instruction: refusal.instruction, source: refusal.source, allowed: bases },
  }));
}

/** The harness-side causes of a failed pull, each with its own fix for the instructor. */
const PULL_MESSAGES: Partial<Record<string, BuildMessageId>> = {
  dns: "pullDns",
  unreachable: "pullUnreachable",
  "rate-limit": "pullRateLimit",
  auth: "pullAuth",
  "registry-error": "pullRegistry",
  "not-present": "pullNotPresent",
  unknown: "pullUnknown",
};

/** What the hints need: the Dockerfile, .dockerignore, and the folders a failed COPY looked in. */
async function readFacts(
  ctx: GraderContext,
  outcome: Extract<BuildOutcome, { ok: false }>,
): Promise<BuildFacts> {
  const text = async (rel: string) => {
    const read = await ctx.files.readText(rel);
    return read.ok ? read.text : undefined;
  };
  const dirs = new Set([""]);
  const wanted = missingCopySource(outcome.message);
  if (wanted && path.posix.dirname(wanted) !== ".") dirs.add(path.posix.dirname(wanted));
  const names = new Map<string, string[]>();
  for (const dir of dirs) {
    const listed = await ctx.files.list(dir, { depth: 0 });
    names.set(
      dir,
      listed.filter((f) => f.kind === "file").map((f) => path.posix.basename(f.rel)),
    );
  }
  return {
    names,
    dockerignore: await text(".dockerignore"),
    dockerfile: await text(ctx.assignment.dockerfile),
    where: ctx.submission.rootRel || ".",
  };
}
