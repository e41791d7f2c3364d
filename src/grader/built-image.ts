import { buildFault } from "../docker/build-fault.js";
import type { BuildOutcome, BuildSuccess, DockerSession } from "../docker/session.js";
import type { MessageCatalog } from "../i18n/catalog.js";
import type { GraderContext, GraderResult, MessageId } from "./contract.js";

/** Messages every grader that judges the built image declares (spread into its catalog). */
export const builtImageMessages = {
  noSession: {
    en: "No Docker session was handed to this check: the harness could not inspect the image. Report this to the course staff.",
    fr: "Aucune session Docker n'a été fournie à cette vérification : le correcteur n'a pas pu examiner l'image. Signalez-le à l'équipe du cours.",
  },
  imageNotBuilt: {
    en: "The image could not be built ({error}), so it could not be examined. Fix the build first (see the check that builds the image), then commit.",
    fr: "L'image n'a pas pu être construite ({error}) : elle n'a donc pas pu être examinée. Corrigez d'abord le build (voir la vérification qui construit l'image), puis committez.",
  },
  imageUnavailable: {
    en: "The harness could not build the image ({error}), so it could not be examined. This is not a fault of the submission; grade it again later.",
    fr: "Le correcteur n'a pas pu construire l'image ({error}) : elle n'a donc pas pu être examinée. Ce n'est pas une faute du rendu ; relancez la correction plus tard.",
  },
} satisfies MessageCatalog;

type BuiltImageMessageId = MessageId<typeof builtImageMessages>;

/** The Dockerfile the image is built from (the rubric's `image.dockerfile`), as findings name it: relative to the repository. */
export function dockerfilePath(ctx: Pick<GraderContext, "submission" | "assignment">): string {
  const file = ctx.assignment.dockerfile;
  return ctx.submission.rootRel ? `${ctx.submission.rootRel}/${file}` : file;
}

/**
 * The session's built image, or the finished result of a grader that needs it: `skipped` when the
 * student's build failed (the build check says why), `error` when the harness's side failed — whose is
 * decided once, by `buildFault`.
 */
export async function builtImage(
  ctx: Pick<GraderContext, "docker">,
): Promise<
  | { ok: true; docker: DockerSession; build: BuildSuccess }
  | { ok: false; result: GraderResult<BuiltImageMessageId> }
> {
  const docker = ctx.docker;
  if (!docker)
    return {
      ok: false,
      result: { status: "error", credit: 0, findings: [{ messageId: "noSession", severity: "problem" }] },
    };
  const outcome = await docker.image();
  if (outcome.ok) return { ok: true, docker, build: outcome };
  return { ok: false, result: unbuilt(outcome) };
}

function unbuilt(outcome: Extract<BuildOutcome, { ok: false }>): GraderResult<BuiltImageMessageId> {
  const studentFault = buildFault(outcome) === "student";
  const data = { reason: outcome.reason, error: outcome.message.split("\n")[0]?.slice(0, 300) ?? "" };
  return {
    status: studentFault ? "skipped" : "error",
    credit: 0,
    findings: [
      {
        messageId: studentFault ? "imageNotBuilt" : "imageUnavailable",
        severity: studentFault ? "info" : "problem",
        data,
      },
    ],
  };
}
