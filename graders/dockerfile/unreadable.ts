import type { Unreadable } from "../../src/dockerfile/parse.js";
import type { Finding } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";
import type { Refusal } from "../../src/submission/files.js";

/** The code of every "no usable Dockerfile" finding: one finding instead of one per rule. */
export const UNREADABLE_CODE = "DF000";

export const unreadableMessages = {
  "file.missing": {
    en: "No {file} in {where}: there is nothing to build the image from. Add a file named exactly {file} (capital D, no extension) next to app.py, and commit it.",
    fr: "Aucun {file} dans {where} : rien pour construire l'image. Ajoutez un fichier nommé exactement {file} (D majuscule, sans extension) à côté de app.py, et committez-le.",
  },
  "file.nearMiss": {
    en: 'No {file} in {where}, but {found} is there: docker build looks for a file named exactly {file} (no space, no extension). Rename it: git mv "{found}" {file}',
    fr: 'Aucun {file} dans {where}, mais {found} est présent : docker build cherche un fichier nommé exactement {file} (sans espace ni extension). Renommez-le : git mv "{found}" {file}',
  },
  "file.notFile": {
    en: "{file} is a folder (or a special file), not a file: expected the Dockerfile itself. Make {file} a regular file.",
    fr: "{file} est un dossier (ou un fichier spécial), pas un fichier : le Dockerfile lui-même est attendu. Faites de {file} un fichier ordinaire.",
  },
  "file.linkOutside": {
    en: "{file} is a link that leads out of the repository: it was not read. Commit the real Dockerfile instead of a link.",
    fr: "{file} est un lien qui sort du dépôt : il n'a pas été lu. Committez le vrai Dockerfile plutôt qu'un lien.",
  },
  "file.tooLarge": {
    en: "{file} is larger than 1 MB: that is not a Dockerfile. Put the Dockerfile's instructions in {file}.",
    fr: "{file} dépasse 1 Mo : ce n'est pas un Dockerfile. Mettez les instructions du Dockerfile dans {file}.",
  },
  "file.outside": {
    en: "The rubric's file parameter ({file}) points outside the submission: fix the rubric (a path relative to the submission root).",
    fr: "Le paramètre file du barème ({file}) désigne un chemin hors du rendu : corrigez le barème (chemin relatif à la racine du rendu).",
  },
  "file.empty": {
    en: "{file} is empty (or holds only comments): no instruction to build from. Write the Dockerfile: FROM, WORKDIR, COPY, RUN, EXPOSE, CMD.",
    fr: "{file} est vide (ou ne contient que des commentaires) : aucune instruction pour construire l'image. Écrivez le Dockerfile : FROM, WORKDIR, COPY, RUN, EXPOSE, CMD.",
  },
  "file.encoding": {
    en: '{file} is saved as {encoding}, which docker build cannot read (PowerShell\'s `echo ... > Dockerfile` writes UTF-16). Save it as UTF-8 (VS Code: "Save with Encoding", UTF-8).',
    fr: "{file} est enregistré en {encoding}, que docker build ne sait pas lire (`echo ... > Dockerfile` sous PowerShell écrit de l'UTF-16). Enregistrez-le en UTF-8 (VS Code : « Enregistrer avec l'encodage », UTF-8).",
  },
  "file.unknownInstruction": {
    en: 'Line {line} starts with "{word}", which is not a Dockerfile instruction: docker build stops there (unknown instruction). Fix or remove that line (a terminal command or a Markdown fence pasted by mistake?).',
    fr: "La ligne {line} commence par « {word} », qui n'est pas une instruction Dockerfile : docker build s'arrête là (unknown instruction). Corrigez ou supprimez cette ligne (une commande du terminal ou une balise Markdown collée par erreur ?).",
  },
  "file.noFrom": {
    en: "The first instruction is {word} (line {line}), but a Dockerfile must start with FROM (only ARG may come before it): docker build stops. Put FROM first.",
    fr: "La première instruction est {word} (ligne {line}), or un Dockerfile doit commencer par FROM (seul ARG peut le précéder) : docker build s'arrête. Placez FROM en premier.",
  },
  "file.badFrom": {
    en: "FROM at line {line} names no image: docker build stops. Write the base image after FROM, for example FROM python:3.12-slim.",
    fr: "Le FROM de la ligne {line} ne nomme aucune image : docker build s'arrête. Écrivez l'image de base après FROM, par exemple FROM python:3.12-slim.",
  },
  "file.tooManyInstructions": {
    en: "{file} holds about {count} instructions; dockgrade reads at most {max} (a Dockerfile for this lab needs about ten). Keep only the instructions the image needs.",
    fr: "{file} contient environ {count} instructions ; dockgrade en lit au plus {max} (un Dockerfile pour ce TP en demande une dizaine). Ne gardez que les instructions utiles à l'image.",
  },
} satisfies MessageCatalog;

type Data = NonNullable<Finding["data"]>;

/** One finding for a Dockerfile Docker could not build from. */
export function unreadableFinding(problem: Unreadable, file: string): Finding {
  const base = { severity: "problem" as const, code: UNREADABLE_CODE, file };
  const data: Data = { file };
  switch (problem.reason) {
    case "empty":
      return { ...base, messageId: "file.empty", data };
    case "encoding":
      return { ...base, messageId: "file.encoding", data: { ...data, encoding: problem.encoding } };
    case "tooManyInstructions":
      return {
        ...base,
        messageId: "file.tooManyInstructions",
        data: { ...data, count: problem.count, max: problem.max },
      };
    default:
      return {
        ...base,
        messageId: `file.${problem.reason}`,
        line: problem.line,
        data: { ...data, line: problem.line, ...("word" in problem ? { word: problem.word } : {}) },
      };
  }
}

/** One finding for a Dockerfile that could not be read at all; `outside` is the rubric's fault. */
export function refusalFinding(
  reason: Refusal,
  file: string,
  where: string,
  nearMiss?: string,
): { status: "fail" | "error"; finding: Finding } {
  const make = (messageId: string, extra: Data = {}): Finding => ({
    messageId,
    severity: "problem",
    code: UNREADABLE_CODE,
    data: { file, where, ...extra },
  });
  if (reason === "absolute" || reason === "outside")
    return { status: "error", finding: make("file.outside") };
  if (reason === "link-outside") return { status: "fail", finding: make("file.linkOutside") };
  if (reason === "not-a-file") return { status: "fail", finding: make("file.notFile") };
  if (reason === "too-large") return { status: "fail", finding: make("file.tooLarge") };
  return {
    status: "fail",
    finding: nearMiss ? make("file.nearMiss", { found: nearMiss }) : make("file.missing"),
  };
}
