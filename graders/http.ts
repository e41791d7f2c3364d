import { Type as T } from "@sinclair/typebox";
import {
  creditStatus,
  defineGrader,
  type Finding,
  type GraderContext,
  type GraderResult,
} from "../src/grader/contract.js";
import { sharedWork } from "../src/grader/shared-work.js";
import {
  type JudgeContext,
  judgeAnswer,
  type LinesOf,
  RequestSchema,
  type RequestSpec,
} from "./http/expectations.js";
import { type HttpMessageId, httpMessages } from "./http/messages.js";
import { formatLogs, pythonError } from "./kit/app/diagnose.js";
import { type HttpOutcome, httpProbe } from "./kit/app/http-probe.js";
import { sessionWithImage } from "./kit/app/session-gate.js";
import { appRunOptions, leaseApp } from "./kit/app/shared-start.js";
import { logLinesParam, sourceOf } from "./kit/app/start.js";
import { linesOf } from "./kit/app/text.js";

/**
 * `http`: runs the built image (its port published on 127.0.0.1), waits until it answers, then sends each
 * request of the rubric and checks status, body, JSON field and headers, with credit per request. When
 * the app never answers, the check says why instead of timing out: it exited (exit code, the error in its
 * logs), it listens on the container's loopback or on another port, a development server, a fork loop,
 * or nothing listening at all. A fresh container, removed at the end; checks of one submission that send
 * the same requests to the app started the same way share it and its answers (their expectations differ).
 */
export default defineGrader({
  id: "http",
  description: {
    en: "The container answers HTTP on its port as the rubric lists (status, body, JSON, headers); a failure says why (crash, loopback, wrong port, dev server).",
    fr: "Le conteneur répond en HTTP sur son port comme le barème l'indique (statut, corps, JSON, en-têtes) ; un échec en donne la cause (plantage, boucle locale, mauvais port, serveur de développement).",
  },
  params: T.Object(
    {
      requests: T.Array(RequestSchema, {
        minItems: 1,
        description:
          "Requests sent once the app answers, each passing when all its expectations hold: `method` (GET), `path` (/quote), `status` (200), `bodyRegex`, `json` {`field`, `type`, `nonEmpty`, `oneOfLinesOf`}, `headers` {name: regex}, `weight` (1).",
      }),
      port: T.Integer({
        minimum: 1,
        maximum: 65535,
        default: 5000,
        description: "Container port the app must answer on.",
      }),
      startTimeout: T.Optional(
        T.Number({
          exclusiveMinimum: 0,
          maximum: 600,
          description: "Seconds to wait for the first answer; default: the assignment's `timeouts.start`.",
        }),
      ),
      requestTimeout: T.Number({
        exclusiveMinimum: 0,
        maximum: 120,
        default: 5,
        description: "Seconds per request.",
      }),
      logLines: logLinesParam,
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: httpMessages,
  example: {
    port: 5000,
    requests: [
      {
        method: "GET",
        path: "/quote",
        status: 200,
        json: { field: "quote", type: "string", nonEmpty: true, oneOfLinesOf: "data/quotes.txt" },
        headers: { server: "gunicorn" },
      },
    ],
  },
  async run(ctx, params) {
    const session = await sessionWithImage(ctx);
    if (!session.ok) return session.result;
    const linesOfFiles = await readLineFiles(ctx, params.requests);
    // Checks that send the same requests to the app started the same way (only their expectations differ)
    // share one container and its answers.
    const sent = params.requests.map((request) => ({ method: request.method, path: request.path }));
    const same = { sent, port: params.port, start: params.startTimeout, timeout: params.requestTimeout };
    const observed = await sharedWork(
      session.docker,
      `http ${JSON.stringify({ ...same, logLines: params.logLines })}`,
      ctx.signal,
      () => observe(ctx, params),
      ctx.idle,
    );
    if (!observed.ok) return observed.result;
    const ready: Finding<HttpMessageId> = {
      messageId: "started",
      severity: "ok",
      data: { port: params.port, seconds: (observed.readyMs / 1000).toFixed(1) },
    };
    return judgeRequests(
      params.requests,
      observed.outcomes,
      { linesOf: linesOfFiles, logs: observed.logs, raisedAt: observed.raisedAt },
      [ready, ...observed.notes],
      { readyMs: observed.readyMs },
    );
  },
});

type Observed =
  | {
      ok: true;
      outcomes: HttpOutcome[];
      logs: string;
      raisedAt?: { file: string; line: number };
      readyMs: number;
      notes: Finding<HttpMessageId>[];
    }
  | { ok: false; result: GraderResult<HttpMessageId> };

/** Starts the app, sends each request once it answers, and keeps the logs when an answer is bad. */
async function observe(
  ctx: GraderContext,
  params: {
    requests: RequestSpec[];
    port: number;
    startTimeout?: number;
    requestTimeout: number;
    logLines: number;
  },
): Promise<Observed> {
  // The app run is leased: a lifecycle check starting it the same way stops this container once done here
  // (and an exec check with `inAppRun` runs its command in it meanwhile).
  const lease = await leaseApp(
    ctx,
    appRunOptions(ctx, { ...params, readyPath: (params.requests[0] as RequestSpec).path }),
  );
  const started = lease.start;
  try {
    if (!started.ok) return { ok: false, result: { ...started.result, credit: 0 } };
    const { container } = started;
    const outcomes: HttpOutcome[] = [];
    for (const request of params.requests) {
      const url = container.url(request.path, params.port) as string;
      outcomes.push(
        await httpProbe(url, {
          method: request.method,
          timeoutMs: params.requestTimeout * 1000,
          signal: ctx.signal,
        }),
      );
    }
    const needLogs = outcomes.some((o) => !o.ok || o.status >= 500);
    const lines = needLogs
      ? (await container.logs({ tail: 200, maxBytes: 16 * 1024, settle: true })).text.split("\n")
      : [];
    const raised = pythonError(lines);
    const raisedAt =
      raised?.file && raised.line ? await sourceOf(ctx, { path: raised.file, line: raised.line }) : undefined;
    const logs = needLogs ? formatLogs(lines, params.logLines) : "";
    return { ok: true, outcomes, logs, raisedAt, readyMs: started.readyMs, notes: started.notes };
  } finally {
    await lease.release();
  }
}

/** The verdict over every request: credit is the weighted share of requests that met all expectations. */
export function judgeRequests(
  requests: readonly RequestSpec[],
  outcomes: readonly HttpOutcome[],
  context: JudgeContext,
  leading: Finding<HttpMessageId>[] = [],
  details: Record<string, unknown> = {},
): GraderResult<HttpMessageId> {
  const findings = [...leading];
  const summary: Array<Record<string, unknown>> = [];
  let earned = 0;
  let total = 0;
  requests.forEach((request, index) => {
    const outcome = outcomes[index] as HttpOutcome;
    const weight = request.weight ?? 1;
    total += weight;
    if (!outcome.ok) {
      const error = `${outcome.kind}: ${outcome.detail}`;
      findings.push({
        messageId: "noAnswer",
        severity: "problem",
        data: { method: request.method, path: request.path, error, logs: context.logs },
      });
      summary.push({ method: request.method, path: request.path, passed: false, error });
      return;
    }
    const judged = judgeAnswer(request, outcome, context);
    if (judged.passed) earned += weight;
    findings.push(...judged.findings);
    summary.push({
      method: request.method,
      path: request.path,
      status: outcome.status,
      passed: judged.passed,
    });
  });
  const passedCount = summary.filter((s) => s.passed).length;
  const credit = total > 0 ? earned / total : passedCount / requests.length;
  const status = creditStatus(credit);
  return { status, credit, findings, details: { ...details, requests: summary } };
}

/** Reads each `oneOfLinesOf` file once, through the submission's safe file access. */
async function readLineFiles(
  ctx: GraderContext,
  requests: readonly RequestSpec[],
): Promise<Map<string, LinesOf>> {
  const files = new Map<string, LinesOf>();
  for (const request of requests) {
    const file = request.json?.oneOfLinesOf;
    if (file === undefined || files.has(file)) continue;
    const read = await ctx.files.readText(file);
    files.set(file, read.ok ? { ok: true, lines: linesOf(read.text) } : { ok: false, reason: read.reason });
  }
  return files;
}
