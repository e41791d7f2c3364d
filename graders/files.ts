import { Type as T } from "@sinclair/typebox";
import { creditStatus, defineGrader, type Finding, type MessageId } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import type { Refusal, SubmissionFiles } from "../src/submission/files.js";
import { nearMissName } from "../src/submission/near-miss.js";

const messages = {
  present: { en: "{path} is present.", fr: "{path} est présent." },
  missing: {
    en: "{path} is missing: expected {where} in the repository. Add it (mind the exact name and case) and commit it.",
    fr: "{path} est absent : {where} est attendu dans le dépôt. Ajoutez-le (nom et casse exacts) et committez-le.",
  },
  nearMiss: {
    en: '{path} is missing, but {found} is there, which looks like it under another name: Docker and Linux only find the exact name {path}. Rename it: git mv "{found}" {path}',
    fr: '{path} est absent, mais {found} est là, qui lui ressemble sous un autre nom : Docker et Linux ne trouvent que le nom exact {path}. Renommez-le : git mv "{found}" {path}',
  },
  caseMismatch: {
    en: "{path} is missing, but {found} exists: names are case-sensitive in Docker builds and on Linux. Rename it to {path}.",
    fr: "{path} est absent, mais {found} existe : les noms respectent la casse dans un build Docker et sous Linux. Renommez-le en {path}.",
  },
  empty: {
    en: "{path} is empty: expected some content. Fill it in.",
    fr: "{path} est vide : un contenu est attendu. Complétez-le.",
  },
  notFolder: {
    en: "{path} should be a folder but is a file. Make it a folder holding the expected files.",
    fr: "{path} devrait être un dossier mais c'est un fichier. Faites-en un dossier avec les fichiers attendus.",
  },
  notFile: {
    en: "{path} should be a file but is a folder (or a special file). Make it a regular file.",
    fr: "{path} devrait être un fichier mais c'est un dossier (ou un fichier spécial). Faites-en un fichier ordinaire.",
  },
  linkOutside: {
    en: "{path} is a link that leads out of the repository: it was not read. Commit the real file instead of a link.",
    fr: "{path} est un lien qui sort du dépôt : il n'a pas été lu. Committez le vrai fichier plutôt qu'un lien.",
  },
  outside: {
    en: "{path} points outside the repository: the rubric may only name paths inside it.",
    fr: "{path} désigne un chemin hors du dépôt : le barème ne peut nommer que des chemins internes.",
  },
} satisfies MessageCatalog;

type Id = MessageId<typeof messages>;

/**
 * `files`: the files a step asks for exist in the submission, as regular files (or folders when the path
 * ends with `/`). Links are followed only while they stay inside the repository; a link that leaves it
 * fails the check and is never read.
 */
export default defineGrader({
  id: "files",
  description: {
    en: "Required files are present in the submission (links leaving the repository are refused).",
    fr: "Les fichiers demandés sont présents dans le rendu (les liens qui sortent du dépôt sont refusés).",
  },
  params: T.Object(
    {
      paths: T.Array(T.String({ minLength: 1 }), {
        minItems: 1,
        description: "Paths relative to the submission root; a trailing / asks for a folder.",
      }),
      nonEmpty: T.Boolean({ default: true, description: "Files must hold at least one byte." }),
    },
    { additionalProperties: false },
  ),
  requires: ["repository"],
  messages,
  async run(ctx, params) {
    const findings: Finding<Id>[] = [];
    let found = 0;
    for (const wanted of params.paths) {
      const folder = wanted.endsWith("/");
      const rel = folder ? wanted.slice(0, -1) : wanted;
      const located = await ctx.files.locate(rel);
      const data = {
        path: wanted,
        where: ctx.submission.rootRel ? `${ctx.submission.rootRel}/${wanted}` : wanted,
      };
      if (!located.ok) {
        const near = located.reason === "missing" ? await nearMiss(ctx.files, rel) : undefined;
        const sameLetters = near?.split("/").at(-1)?.toLowerCase() === rel.split("/").at(-1)?.toLowerCase();
        findings.push({
          messageId: near ? (sameLetters ? "caseMismatch" : "nearMiss") : refusalMessage(located.reason),
          severity: "problem",
          data: { ...data, found: near },
        });
        continue;
      }
      if (folder && located.kind !== "directory")
        findings.push({ messageId: "notFolder", severity: "problem", data });
      else if (!folder && located.kind !== "file")
        findings.push({ messageId: "notFile", severity: "problem", data });
      else if (!folder && params.nonEmpty && located.size === 0)
        findings.push({ messageId: "empty", severity: "problem", data });
      else {
        found++;
        findings.push({ messageId: "present", severity: "ok", data });
      }
    }
    const credit = found / params.paths.length;
    return { status: creditStatus(credit), credit, findings };
  },
});

function refusalMessage(reason: Refusal): Id {
  if (reason === "link-outside") return "linkOutside";
  if (reason === "absolute" || reason === "outside") return "outside";
  return "missing";
}

/**
 * A file beside the wanted one that is almost surely it under a wrong name: another case
 * (`Requirements.txt`), a space or an extension (`Docker file`, `dockerfile.txt`), a typo (`requirments.txt`).
 */
async function nearMiss(files: SubmissionFiles, rel: string): Promise<string | undefined> {
  const slash = rel.lastIndexOf("/");
  const dir = slash >= 0 ? rel.slice(0, slash) : "";
  const base = files.root === files.repoRoot ? "" : `${files.root.slice(files.repoRoot.length + 1)}/`;
  const listed = (await files.list(dir, { depth: 0 })).filter((f) => f.kind === "file");
  const found = nearMissName(
    rel.slice(slash + 1),
    listed.map((f) => f.rel.slice(f.rel.lastIndexOf("/") + 1)),
  );
  const match =
    found === undefined ? undefined : listed.find((f) => f.rel.endsWith(`/${found}`) || f.rel === found);
  return match ? match.rel.slice(base.length) : undefined;
}
