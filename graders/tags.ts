import { Type as T } from "@sinclair/typebox";
import { builtImage } from "../src/grader/built-image.js";
import { defineGrader, type Finding } from "../src/grader/contract.js";
import { judgeTags } from "./kit/tags/judge.js";
import type { TagsMessageId } from "./kit/tags/messages.js";
import { tagsMessages } from "./kit/tags/messages.js";
import { documentedCommands } from "./kit/tags/sources.js";

/**
 * `tags`: the image tags the student's documented commands produce (report code blocks, `*.sh`, a
 * Makefile: read, never run) include the required ones, all on the same image, with a semantic version.
 * The tags found are then applied to the harness's own build and checked on the engine.
 */
export default defineGrader({
  id: "tags",
  description: {
    en: "The documented docker build/tag commands give the image the required tags (same image, semantic version); they are applied to the built image and checked on the engine.",
    fr: "Les commandes docker build/tag documentées donnent à l'image les tags demandés (même image, version sémantique) ; ils sont appliqués à l'image construite et vérifiés sur le moteur.",
  },
  params: T.Object(
    {
      name: T.Optional(
        T.String({
          minLength: 1,
          description: "The image name the tags belong to; default: the assignment's image name.",
        }),
      ),
      tags: T.Optional(
        T.Array(T.String({ pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$" }), {
          minItems: 1,
          description: "The tags required on the same image; default: the assignment's image tags.",
        }),
      ),
      semver: T.Boolean({
        default: true,
        description: "Version tags (not `latest`) must be semantic versions (1.1.0).",
      }),
      scripts: T.Boolean({
        default: true,
        description: "Also read `*.sh` scripts and a Makefile at the submission root.",
      }),
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: tagsMessages,
  example: { tags: ["1.1.0", "latest"], semver: true },
  async run(ctx, params) {
    const name = params.name ?? ctx.assignment.image.name;
    const tags = params.tags ?? ctx.assignment.image.tags;
    const verdict = judgeTags(await documentedCommands(ctx, { scripts: params.scripts }), {
      name,
      tags,
      semver: params.semver,
    });
    const image = await builtImage(ctx);
    if (!image.ok) return image.result;
    const wanted = verdict.apply.filter((tag) => tags.includes(tag));
    if (wanted.length === 0) return verdict.result;
    const references: string[] = [];
    for (const tag of verdict.apply) references.push(await image.docker.tagImage(tag));
    const inspect = await image.docker.inspectImage();
    const onImage = new Set(inspect.RepoTags ?? []);
    const missing = references.filter((ref) => !onImage.has(ref));
    const imageId = image.build.imageId.replace(/^sha256:/, "").slice(0, 12);
    const finding: Finding<TagsMessageId> =
      missing.length === 0
        ? { messageId: "applied", severity: "info", data: { refs: references.join(", "), imageId } }
        : { messageId: "engineMismatch", severity: "problem", data: { refs: missing.join(", "), imageId } };
    const result = verdict.result;
    const details = { ...result.details, references, imageId: image.build.imageId };
    if (missing.length > 0)
      return { status: "error", credit: 0, findings: [...result.findings, finding], details };
    return { ...result, findings: [...result.findings, finding], details };
  },
});
