import { Type as T } from "@sinclair/typebox";
import { builtImage, builtImageMessages } from "../src/grader/built-image.js";
import { defineGrader, type Finding } from "../src/grader/contract.js";
import { judgeTags } from "./tags/judge.js";
import { documentedCommands } from "./tags/sources.js";

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
  messages: {
    ...builtImageMessages,
    noCommands: {
      en: "No docker build or docker tag command was found in the report's code blocks (nor in a *.sh script or Makefile at the root), so the tags {tags} of {name} could not be traced. Write the commands you ran in a code block, for example: {example}",
      fr: "Aucune commande docker build ni docker tag n'a été trouvée dans les blocs de code du compte rendu (ni dans un script *.sh ou un Makefile à la racine) : les tags {tags} de {name} n'ont pas pu être retrouvés. Écrivez les commandes lancées dans un bloc de code, par exemple : {example}",
    },
    tagOk: {
      en: "{ref} is given by `{command}` ({at}).",
      fr: "{ref} est donné par `{command}` ({at}).",
    },
    tagElsewhere: {
      en: "{ref} should name the same image as {image}, but `{command}` ({at}) puts it on another image (an earlier build, or a tag taken from another version). Tag it from the final image: {fix}",
      fr: "{ref} devrait désigner la même image que {image}, mais `{command}` ({at}) le pose sur une autre image (un build antérieur, ou un tag pris sur une autre version). Posez-le sur l'image finale : {fix}",
    },
    tagMissing: {
      en: "No documented command gives {ref}; the commands give {found}. Add the command to the report: {fix}",
      fr: "Aucune commande documentée ne donne {ref} ; les commandes donnent {found}. Ajoutez la commande au compte rendu : {fix}",
    },
    semverOk: {
      en: "The version tag {tag} is a semantic version (MAJOR.MINOR.PATCH).",
      fr: "Le tag de version {tag} est une version sémantique (MAJEURE.MINEURE.CORRECTIF).",
    },
    notSemver: {
      en: "The version tag {tag} ({ref}) is not a semantic version: expected MAJOR.MINOR.PATCH, such as 1.1.0 (no leading v, three numbers). Tag the image with such a version.",
      fr: "Le tag de version {tag} ({ref}) n'est pas une version sémantique : attendu MAJEURE.MINEURE.CORRECTIF, comme 1.1.0 (sans v devant, trois nombres). Taguez l'image avec une telle version.",
    },
    alias: {
      en: "{ref} (from `{command}`) is another name of the same image, for a registry or another repository: fine, and not needed for this check.",
      fr: "{ref} (par `{command}`) est un autre nom de la même image, pour un registre ou un autre dépôt : c'est correct, et non requis pour cette vérification.",
    },
    applied: {
      en: "Applied to the harness's build and checked on the engine: {refs} all name image {imageId}.",
      fr: "Appliqués à l'image construite par le correcteur et vérifiés sur le moteur : {refs} désignent tous l'image {imageId}.",
    },
    engineMismatch: {
      en: "The engine does not show {refs} on the built image {imageId} after tagging it: the harness could not confirm the tags. Report this to the course staff.",
      fr: "Le moteur ne montre pas {refs} sur l'image construite {imageId} après l'avoir taguée : le correcteur n'a pas pu confirmer les tags. Signalez-le à l'équipe du cours.",
    },
  },
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
    const finding: Finding =
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
