import { normalizeImageName } from "../../../src/dockerfile/image-ref.js";
import type { DockerfileRule, RuleFinding } from "../rule.js";

/**
 * DF001: the final image starts FROM the expected base and tag. In a multi-stage build only the image the
 * final stage is built on counts (following `FROM builder` back to a real image): builder stages do not
 * end up in what runs.
 */
export const baseImage: DockerfileRule = {
  id: "base-image",
  code: "DF001",
  messages: {
    "baseImage.ok": {
      en: "The image is built FROM {found}, as expected.",
      fr: "L'image est construite FROM {found}, comme attendu.",
    },
    "baseImage.noTag": {
      en: "FROM {found} names no tag, so Docker takes `latest`, which moves with every release: two builds may not get the same Python. Expected FROM {expected}: write the tag.",
      fr: "FROM {found} ne précise pas de tag : Docker prend alors `latest`, qui change à chaque version, et deux builds peuvent ne pas avoir le même Python. Attendu : FROM {expected} ; écrivez le tag.",
    },
    "baseImage.latest": {
      en: "FROM {found} uses the `latest` tag, which moves with every release: two builds may not get the same Python. Expected FROM {expected}: pin that tag.",
      fr: "FROM {found} utilise le tag `latest`, qui change à chaque version : deux builds peuvent ne pas avoir le même Python. Attendu : FROM {expected} ; fixez ce tag.",
    },
    "baseImage.wrongTag": {
      en: "FROM {found}: the image is right but the tag is not; expected FROM {expected}. Change the tag to {tag}.",
      fr: "FROM {found} : l'image est la bonne mais pas le tag ; attendu FROM {expected}. Remplacez le tag par {tag}.",
    },
    "baseImage.wrongImage": {
      en: "FROM {found}: expected FROM {expected}. Start the Dockerfile from {expected}.",
      fr: "FROM {found} : attendu FROM {expected}. Faites partir le Dockerfile de {expected}.",
    },
    "baseImage.unresolved": {
      en: "FROM {found} depends on a build argument that has no default value, so the base image cannot be known. Expected FROM {expected}: write it literally (or give the ARG that default).",
      fr: "FROM {found} dépend d'un argument de build sans valeur par défaut : l'image de base ne peut pas être connue. Attendu : FROM {expected} ; écrivez-le en clair (ou donnez cette valeur par défaut à l'ARG).",
    },
    "baseImage.stages": {
      en: "Multi-stage build ({count} stages): only the base of the final image is judged, {found} (line {line}).",
      fr: "Build multi-étapes ({count} étapes) : seule la base de l'image finale est évaluée, {found} (ligne {line}).",
    },
  },
  check({ dockerfile, params }) {
    const { image, from } = dockerfile.base;
    const expected = `${params.base.image}:${params.base.tag}`;
    const data = { found: image.written, expected, tag: params.base.tag };
    const findings: RuleFinding[] = [];
    if (dockerfile.stages.length > 1) {
      findings.push({
        messageId: "baseImage.stages",
        severity: "info",
        line: from.line,
        data: { count: dockerfile.stages.length, found: image.written, line: from.line },
      });
    }
    const sameName = image.name === normalizeImageName(params.base.image);
    let messageId = "baseImage.ok";
    if (image.written.includes("$")) messageId = "baseImage.unresolved";
    else if (!sameName) messageId = "baseImage.wrongImage";
    else if (image.tag === params.base.tag) messageId = "baseImage.ok";
    else if (image.tag === "latest") messageId = "baseImage.latest";
    else if (image.tag === undefined && image.digest === undefined) messageId = "baseImage.noTag";
    else messageId = "baseImage.wrongTag";
    findings.push({
      messageId,
      severity: messageId === "baseImage.ok" ? "ok" : "problem",
      line: from.line,
      data,
    });
    return findings;
  },
};
