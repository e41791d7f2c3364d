import { type Static, Type as T } from "@sinclair/typebox";

/**
 * The rules judged when a check names none, in the order their findings are reported. Their codes are
 * DF001... in the same order; the rules after them (`OPTIONAL_RULE_IDS`) are judged only when named.
 */
export const RULE_IDS = [
  "base-image",
  "workdir",
  "requirements-first",
  "pip-no-cache",
  "expose",
  "exec-form",
  "server-binding",
] as const;
export const OPTIONAL_RULE_IDS = ["multi-stage"] as const;
export type RuleId = (typeof RULE_IDS)[number] | (typeof OPTIONAL_RULE_IDS)[number];

export const DockerfileParams = T.Object(
  {
    file: T.Optional(
      T.String({
        minLength: 1,
        description:
          "The Dockerfile, relative to the submission root; default: the rubric's `image.dockerfile`.",
      }),
    ),
    rules: T.Array(T.Union([...RULE_IDS, ...OPTIONAL_RULE_IDS].map((id) => T.Literal(id))), {
      minItems: 1,
      uniqueItems: true,
      default: [...RULE_IDS],
      description:
        "The rules to judge; credit is the share of them that pass. `multi-stage` (DF008) only when listed.",
    }),
    base: T.Object(
      {
        image: T.String({ minLength: 1, default: "python" }),
        tag: T.String({ minLength: 1, default: "3.12-slim" }),
      },
      {
        additionalProperties: false,
        default: { image: "python", tag: "3.12-slim" },
        description: "The base image the final stage must start FROM.",
      },
    ),
    workdir: T.String({
      pattern: "^/",
      default: "/app",
      description: "The WORKDIR expected before any COPY.",
    }),
    port: T.Integer({
      minimum: 1,
      maximum: 65535,
      default: 5000,
      description: "The port EXPOSE must declare.",
    }),
    requirements: T.String({
      minLength: 1,
      default: "requirements.txt",
      description: "The requirements file, relative to the build context.",
    }),
    server: T.Union([T.Literal("gunicorn"), T.Literal("flask-dev"), T.Literal("python-script")], {
      default: "gunicorn",
      description: "The server the container must start.",
    }),
    bind: T.String({
      pattern: "^(\\[[0-9A-Fa-f:]*\\]|[A-Za-z0-9.-]*):[0-9]{1,5}$",
      default: "0.0.0.0:5000",
      description: "HOST:PORT the server must listen on; 0.0.0.0 accepts any every-interface form.",
    }),
  },
  { additionalProperties: false },
);
export type DockerfileParams = Static<typeof DockerfileParams>;
