import { DEFAULT_DOCKERFILE } from "../rubric/types.js";
import type { SubmissionFiles } from "./files.js";
import { submissionError } from "./submission-error.js";

/**
 * The submission root among the folders holding a Dockerfile: the repository itself when it has one;
 * else the one folder that is not inside another such folder (`tp1/` with a `tp1/test/Dockerfile` is
 * `tp1`); none: the repository. Several unrelated ones (`tp1/`, `tp2/`) is a question only the user can
 * answer: undefined, and the caller asks for --root.
 */
export function pickDockerfileRoot(folders: string[]): string | undefined {
  if (folders.length === 0 || folders.includes("")) return "";
  const outermost = folders.filter(
    (dir) => !folders.some((other) => other !== dir && dir.startsWith(`${other}/`)),
  );
  return outermost.length === 1 ? outermost[0] : undefined;
}

/**
 * The folder holding the Dockerfile (`dockerfile`, relative to the root: the rubric's `image.dockerfile`),
 * see pickDockerfileRoot; several candidates: SubmissionError listing them.
 */
export async function findDockerfileRoot(
  files: SubmissionFiles,
  dockerfile = DEFAULT_DOCKERFILE,
): Promise<string> {
  const listed = await files.list("", { from: "repo", depth: 3 + dockerfile.split("/").length - 1 });
  const folders = listed
    .filter((f) => f.kind === "file" && (f.rel === dockerfile || f.rel.endsWith(`/${dockerfile}`)))
    .map((f) => f.rel.slice(0, f.rel.length - dockerfile.length).replace(/\/$/, ""))
    .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  const root = pickDockerfileRoot(folders);
  if (root !== undefined) return root;
  const list = folders.map((dir) => `${dir}/${dockerfile}`).join(", ");
  const first = folders[0] ?? "";
  throw submissionError({
    en: `this repository holds several Dockerfiles (${list}), and dockgrade cannot guess which lab to grade. Name the lab's folder with --root, for example --root ${first}.`,
    fr: `ce dépôt contient plusieurs Dockerfile (${list}), et dockgrade ne peut pas deviner quel TP corriger. Indiquez le dossier du TP avec --root, par exemple --root ${first}.`,
  });
}
