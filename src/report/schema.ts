import { type Static, Type as T } from "@sinclair/typebox";

/**
 * The report format. Bump the major version on any change a consumer could trip on (a field removed or
 * renamed, a meaning changed); add optional fields in a minor version. docs/report.schema.json is
 * generated from this file (`npm run schema`) and a test keeps the two equal.
 */
export const REPORT_SCHEMA_VERSION = "1.3.0";

const Status = T.Union(
  [T.Literal("pass"), T.Literal("partial"), T.Literal("fail"), T.Literal("skipped"), T.Literal("error")],
  {
    description:
      "pass/partial/fail judge the work; error: the harness could not check; skipped: the check did not run",
  },
);

export const FindingSchema = T.Object(
  {
    messageId: T.String(),
    severity: T.Union([T.Literal("ok"), T.Literal("problem"), T.Literal("info")]),
    message: T.String({ description: "Rendered in the report's language" }),
    code: T.Optional(T.String()),
    file: T.Optional(T.String()),
    line: T.Optional(T.Integer({ minimum: 1 })),
    data: T.Optional(T.Record(T.String(), T.Union([T.String(), T.Number(), T.Boolean()]))),
  },
  { additionalProperties: false },
);

export const CheckResultSchema = T.Object(
  {
    id: T.String(),
    grader: T.String(),
    title: T.Optional(T.String()),
    status: Status,
    score: T.Number({ minimum: 0 }),
    maxScore: T.Number({ minimum: 0 }),
    message: T.String({ description: "What was expected, what was found, how to fix it" }),
    visibility: T.Union([T.Literal("visible"), T.Literal("hidden")]),
    feedback: T.Optional(T.String()),
    durationMs: T.Number({ minimum: 0 }),
    findings: T.Array(FindingSchema),
    details: T.Optional(T.Record(T.String(), T.Unknown())),
  },
  { additionalProperties: false },
);

export const StepResultSchema = T.Object(
  {
    id: T.String(),
    title: T.String(),
    score: T.Number({ minimum: 0 }),
    maxScore: T.Number({ minimum: 0 }),
    checks: T.Array(CheckResultSchema),
  },
  { additionalProperties: false },
);

export const ReportSchema = T.Object(
  {
    $schema: T.Optional(T.String()),
    schemaVersion: T.String({ pattern: "^1\\.\\d+\\.\\d+$" }),
    tool: T.Object({ name: T.Literal("dockgrade"), version: T.String() }, { additionalProperties: false }),
    lang: T.Union([T.Literal("fr"), T.Literal("en")]),
    submission: T.Object(
      {
        source: T.String({ description: "The folder or git URL given, without credentials" }),
        path: T.String({ description: "The submission root relative to the repository ('' for the root)" }),
        reportFile: T.Optional(T.String()),
        commit: T.Optional(T.String()),
        commitDate: T.Optional(
          T.String({ description: "Committer date of the graded commit (ISO 8601); since 1.1.0" }),
        ),
        dirty: T.Optional(T.Boolean()),
      },
      { additionalProperties: false },
    ),
    rubric: T.Object(
      { id: T.String(), title: T.String(), digest: T.String() },
      { additionalProperties: false },
    ),
    environment: T.Object(
      {
        docker: T.Object(
          { available: T.Boolean(), version: T.Optional(T.String()), reason: T.Optional(T.String()) },
          { additionalProperties: false },
        ),
        build: T.Optional(
          T.Object(
            {
              network: T.Union([T.Literal("closed"), T.Literal("index-only"), T.Literal("open")], {
                description:
                  "What the build's RUN steps could reach: nothing, the package index hosts, the engine's default",
              }),
              indexHosts: T.Optional(T.Array(T.String())),
              pidsLimit: T.Union([T.Literal("cgroup-parent"), T.Literal("per-step")], {
                description:
                  "How the PID limit bound the build's steps (see docs/SECURITY.md); with stepsRan false, how it would have",
              }),
              stepsRan: T.Optional(
                T.Literal(false, {
                  description:
                    "No RUN step ran: each came from the engine's build cache, or the build stopped before the first one, so no sandbox was made; since 1.3.0",
                }),
              ),
            },
            {
              additionalProperties: false,
              description: "The build sandbox the image was built in; since 1.2.0",
            },
          ),
        ),
        baseImages: T.Optional(
          T.Array(
            T.Object(
              {
                reference: T.String({ description: "As the FROM line names it" }),
                id: T.String({ description: "The engine's image id (sha256:...)" }),
                digest: T.Optional(
                  T.String({ description: "name@sha256:... from the registry; absent for a local image" }),
                ),
                pulled: T.Boolean({ description: "Pulled by this run (else already on the engine)" }),
              },
              { additionalProperties: false },
            ),
            { description: "The base images the submission's image was built from; since 1.2.0" },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    score: T.Number({ minimum: 0 }),
    maxScore: T.Number({ minimum: 0 }),
    startedAt: T.String({ format: "date-time" }),
    durationMs: T.Number({ minimum: 0 }),
    steps: T.Array(StepResultSchema),
  },
  {
    additionalProperties: false,
    $id: "urn:dockgrade:report:1",
    title: "dockgrade report",
  },
);

export type Report = Static<typeof ReportSchema>;
export type StepResult = Static<typeof StepResultSchema>;
export type CheckResult = Static<typeof CheckResultSchema>;
export type ReportFinding = Static<typeof FindingSchema>;
