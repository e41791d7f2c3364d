import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";
import { InputError } from "./inputs.js";
import type { SimilarityDoc, SimilarityKind } from "./types.js";

/** Characters of a text compared; the rest of a longer file is left out (copies show early anyway). */
export const SIMILARITY_TEXT_LIMIT = 256 * 1024;
/** Files larger than this are not read at all (as the lab report finder does). */
const READ_LIMIT = 2 * 1024 * 1024;

/**
 * The texts of one submission compared for similarity: its lab report, the Dockerfile of its root and its
 * `app.py` (in the root, or else the shallowest sub-folder holding one, at most three folders down). A
 * missing or unreadable file is simply left out. Read through the submission's safe file access, so
 * nothing outside the repository is followed.
 */
export async function collectSimilarityDocs(
  files: SubmissionFiles,
  submission: Submission,
  owner: string,
): Promise<SimilarityDoc[]> {
  const docs: SimilarityDoc[] = [];
  const add = async (kind: SimilarityKind, rel: string | undefined, from: "root" | "repo") => {
    if (rel === undefined) return;
    const read = await files.readText(rel, { from, maxBytes: READ_LIMIT });
    if (read.ok && read.text.trim() !== "")
      docs.push({ owner, kind, file: read.rel, text: capped(read.text) });
  };
  await add("readme", submission.reportFile, "repo");
  await add("dockerfile", "Dockerfile", "root");
  await add("app", await findApp(files), "repo");
  return docs;
}

/** `app.py` of the submission root, or of the shallowest sub-folder (then by name), from the repository. */
async function findApp(files: SubmissionFiles): Promise<string | undefined> {
  const found = (await files.list("", { depth: 3 }))
    .filter((f) => f.kind === "file" && path.posix.basename(f.rel) === "app.py")
    .map((f) => f.rel)
    .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  return found[0];
}

function capped(text: string): string {
  if (text.length <= SIMILARITY_TEXT_LIMIT) return text;
  const cut = text.lastIndexOf("\n", SIMILARITY_TEXT_LIMIT);
  return text.slice(0, cut > 0 ? cut : SIMILARITY_TEXT_LIMIT);
}

const MESSAGES = {
  "not-a-folder": {
    fr:
      "Dossier de rapports de référence « {dir} » introuvable. Attendu : un dossier contenant des rapports " +
      "publiés en fichiers .md ou .txt. Vérifiez le chemin donné à --reference.",
    en:
      'Reference reports folder "{dir}" not found. Expected: a folder holding published reports as .md or ' +
      ".txt files. Check the path given to --reference.",
  },
  empty: {
    fr:
      "Le dossier de rapports de référence « {dir} » ne contient aucun fichier .md ou .txt lisible. " +
      "Ajoutez-y les rapports publiés, en texte ou en Markdown, ou retirez l'option --reference.",
    en:
      'The reference reports folder "{dir}" holds no readable .md or .txt file. Put the published reports ' +
      "there, as text or Markdown, or drop the --reference option.",
  },
};

/**
 * Every `.md` and `.txt` file of a folder (and its sub-folders, three levels down), as a published report
 * a lab report may have been copied from: kind readme, owner `reference:<path in the folder>`. Throws a
 * InputError when the folder is missing or holds no such file (a mistyped path must not silently turn
 * the check off).
 */
export async function readReferenceDocs(
  dir: string,
  options: { lang?: Lang } = {},
): Promise<SimilarityDoc[]> {
  const lang = options.lang ?? "en";
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(renderMessage(MESSAGES, "not-a-folder", lang, { dir }));
  const real = await realpath(dir);
  const files = new SubmissionFiles(real, real);
  const docs: SimilarityDoc[] = [];
  const listed = (await files.list("", { depth: 3 })).filter(
    (f) => f.kind === "file" && /\.(md|txt)$/i.test(f.rel),
  );
  for (const file of listed.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
    const read = await files.readText(file.rel, { maxBytes: READ_LIMIT });
    if (!read.ok || read.text.trim() === "") continue;
    docs.push({ owner: `reference:${read.rel}`, kind: "readme", file: read.rel, text: capped(read.text) });
  }
  if (docs.length === 0) throw new InputError(renderMessage(MESSAGES, "empty", lang, { dir }));
  return docs;
}
