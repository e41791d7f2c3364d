import { type Static, Type as T } from "@sinclair/typebox";
import { LocalTextSchema } from "../i18n/local-text-schema.js";
import { PatternString } from "../text/pattern.js";

const Id = T.String({ pattern: "^[a-z0-9][a-z0-9._-]*$", maxLength: 64 });
const Seconds = T.Number({ exclusiveMinimum: 0, maximum: 3600 });

export const LimitsSchema = T.Object(
  {
    memoryMb: T.Optional(T.Integer({ minimum: 16, maximum: 16384 })),
    cpus: T.Optional(T.Number({ exclusiveMinimum: 0, maximum: 64 })),
    pids: T.Optional(T.Integer({ minimum: 8, maximum: 65536 })),
  },
  { additionalProperties: false },
);

export const TimeoutsSchema = T.Object(
  {
    build: T.Optional(Seconds),
    start: T.Optional(Seconds),
    check: T.Optional(Seconds),
  },
  { additionalProperties: false },
);

/**
 * The build sandbox (see src/docker/build-sandbox.ts): what the build's RUN steps may reach, which images
 * that exist only on the grading engine FROM and COPY --from may name, and the build's resource budget.
 */
export const BuildPolicySchema = T.Object(
  {
    network: T.Optional(
      T.Union([T.Literal("closed"), T.Literal("index-only"), T.Literal("open")], {
        description:
          "closed: no network; index-only: only the package index hosts, through a filtering proxy; open: the engine's default",
      }),
    ),
    indexHosts: T.Optional(
      T.Array(
        T.String({ pattern: "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$", maxLength: 253 }),
        {
          maxItems: 20,
        },
      ),
    ),
    allowedBases: T.Optional(T.Array(T.String({ minLength: 1, maxLength: 255 }), { maxItems: 50 })),
    memoryMb: T.Optional(T.Integer({ minimum: 64, maximum: 65536 })),
    cpus: T.Optional(T.Number({ exclusiveMinimum: 0, maximum: 64 })),
    pids: T.Optional(T.Integer({ minimum: 32, maximum: 65536 })),
    diskMb: T.Optional(T.Integer({ minimum: 16, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

/** `assignment.yaml`: what is graded and in which order the step files come. */
export const AssignmentSchema = T.Object(
  {
    id: Id,
    title: LocalTextSchema,
    language: T.Union([T.Literal("fr"), T.Literal("en")]),
    totalPoints: T.Number({ exclusiveMinimum: 0 }),
    image: T.Object(
      {
        name: T.String({ pattern: "^[a-z0-9][a-z0-9._/-]*$" }),
        tags: T.Array(T.String({ pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$" }), { minItems: 1 }),
        // Relative to the submission root; a submission's root is the folder holding it.
        dockerfile: T.Optional(T.String({ pattern: "^[A-Za-z0-9_][A-Za-z0-9._/-]*$" })),
      },
      { additionalProperties: false },
    ),
    defaults: T.Optional(
      T.Object(
        { timeouts: T.Optional(TimeoutsSchema), limits: T.Optional(LimitsSchema) },
        { additionalProperties: false },
      ),
    ),
    build: T.Optional(BuildPolicySchema),
    report: T.Optional(
      T.Object(
        {
          candidates: T.Optional(T.Array(T.String({ minLength: 1 }), { minItems: 1 })),
          stepHeading: T.Optional(PatternString()),
        },
        { additionalProperties: false },
      ),
    ),
    steps: T.Array(T.String({ pattern: "^[A-Za-z0-9._-]+\\.ya?ml$" }), { minItems: 1 }),
    // The example submissions of this rubric (one folder each, with its EXPECTED.json), relative to it.
    examples: T.Optional(T.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const CheckSchema = T.Object(
  {
    id: Id,
    grader: T.String({ minLength: 1 }),
    points: T.Number({ minimum: 0 }),
    title: T.Optional(LocalTextSchema),
    description: T.Optional(LocalTextSchema),
    params: T.Optional(T.Record(T.String(), T.Unknown())),
    needs: T.Optional(T.Array(Id)),
    visibility: T.Optional(T.Union([T.Literal("visible"), T.Literal("hidden")])),
    feedback: T.Optional(LocalTextSchema),
    timeout: T.Optional(Seconds),
  },
  { additionalProperties: false },
);

/** One step file (one Etape). */
export const StepSchema = T.Object(
  {
    id: Id,
    title: LocalTextSchema,
    points: T.Number({ minimum: 0 }),
    checks: T.Array(CheckSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type BuildPolicySpec = Static<typeof BuildPolicySchema>;
export type AssignmentSpec = Static<typeof AssignmentSchema>;
export type CheckSpec = Static<typeof CheckSchema>;
export type StepSpec = Static<typeof StepSchema>;
