import { Type as T } from "@sinclair/typebox";
import { builtImage, builtImageMessages } from "../src/grader/built-image.js";
import { defineGrader } from "../src/grader/contract.js";
import { DEFAULT_IMAGE_CONFIG_CHECKS, IMAGE_CONFIG_CHECKS, judgeImageConfig } from "./image-config/judge.js";
import { imageConfigMessages } from "./image-config/messages.js";
import { imageLayerTable } from "./kit/image-layers.js";

/**
 * `image-config`: what the built image itself says (`docker image inspect`), whatever the Dockerfile
 * looks like: the exposed port, the working directory, the command (ENTRYPOINT + CMD, with the image's
 * ENV) running the expected server on the expected address in exec form, and optionally a non-root user.
 */
export default defineGrader({
  id: "image-config",
  description: {
    en: "The built image's configuration (docker image inspect): exposed port, WORKDIR, Gunicorn bound to 0.0.0.0:5000 in exec form, optionally a non-root user.",
    fr: "La configuration de l'image construite (docker image inspect) : port exposé, WORKDIR, Gunicorn sur 0.0.0.0:5000 en forme exec, et en option un utilisateur non root.",
  },
  params: T.Object(
    {
      port: T.Integer({
        minimum: 1,
        maximum: 65535,
        default: 5000,
        description: "The port Config.ExposedPorts must hold (as PORT/tcp).",
      }),
      workdir: T.String({ pattern: "^/", default: "/app", description: "The expected Config.WorkingDir." }),
      server: T.Union([T.Literal("gunicorn"), T.Literal("flask-dev"), T.Literal("python-script")], {
        default: "gunicorn",
        description: "The server the image's command must start.",
      }),
      bind: T.String({
        pattern: "^(\\[[0-9A-Fa-f:]*\\]|[A-Za-z0-9.-]*):[0-9]{1,5}$",
        default: "0.0.0.0:5000",
        description: "HOST:PORT the server must listen on; 0.0.0.0 accepts any every-interface form.",
      }),
      requireNonRoot: T.Boolean({
        default: false,
        description:
          "The `user` sub-check counts (a root user fails it); when false a root user is only noted.",
      }),
      checks: T.Array(T.Union(IMAGE_CONFIG_CHECKS.map((id) => T.Literal(id))), {
        minItems: 1,
        uniqueItems: true,
        default: [...DEFAULT_IMAGE_CONFIG_CHECKS],
        description:
          "The sub-checks to judge; credit is the share of them that pass. `healthcheck` (a HEALTHCHECK Docker runs) only when listed.",
      }),
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: { ...builtImageMessages, ...imageConfigMessages },
  example: { checks: ["server", "exec-form"], requireNonRoot: false },
  async run(ctx, params) {
    const image = await builtImage(ctx);
    if (!image.ok) return image.result;
    const inspect = await image.docker.inspectImage();
    const table = await imageLayerTable(ctx, image.docker);
    // No student layer sets CMD or ENTRYPOINT: the command in Config is the base image's.
    const inheritsBaseCommand =
      table.baseFound !== "none" &&
      !table.layers.some((layer) => !layer.base && /^(CMD|ENTRYPOINT)\b/.test(layer.createdBy));
    return judgeImageConfig(inspect.Config, params, { inheritsBaseCommand });
  },
});
