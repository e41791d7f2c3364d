import { mkdir, rm, stat, statfs, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Lang } from "../i18n/text.js";

/**
 * Filesystems that hold no files of their own (kernel and device views): writing reports there makes no
 * sense, and Node's recursive mkdir spins forever on some of them (/proc). Magic numbers from statfs(2).
 */
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x1cd1, "devpts"],
  [0x27e0eb, "cgroup"],
  [0x63677270, "cgroup2"],
  [0x64626720, "debugfs"],
  [0x73636673, "securityfs"],
  [0x74726163, "tracefs"],
  [0xcafe4a11, "bpf"],
]);
const PSEUDO_ROOTS = ["/proc", "/sys", "/dev"];

export type OutDirProblem =
  | { kind: "pseudo"; dir: string; fs: string }
  | { kind: "file-in-path"; dir: string; file: string }
  | { kind: "unwritable"; dir: string; cause: string };

/** True when `dir` (absolute) is one of the kernel's or the devices' folders, or below one. */
export function underPseudoRoot(dir: string): boolean {
  return PSEUDO_ROOTS.some((root) => dir === root || dir.startsWith(`${root}/`));
}

/**
 * Checks, before any grading, that reports can be written to `dir`: creates it (one level at a time, never
 * Node's recursive mkdir) and writes then removes a probe file. Returns the problem, if any.
 */
export async function prepareOutDir(dir: string): Promise<OutDirProblem | undefined> {
  const absolute = path.resolve(dir);
  if (underPseudoRoot(absolute)) return { kind: "pseudo", dir: absolute, fs: absolute.split("/")[1] ?? "" };
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    const info = await stat(existing).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) return { kind: "file-in-path", dir: absolute, file: existing };
      break;
    }
    if (info.code !== "ENOENT" && info.code !== "ENOTDIR")
      return { kind: "unwritable", dir: absolute, cause: info.code ?? info.message };
    const parent = path.dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing);
    existing = parent;
  }
  const fsType = await statfs(existing).then(
    (info) => PSEUDO_FILESYSTEMS.get(Number(info.type)),
    () => undefined,
  );
  if (fsType) return { kind: "pseudo", dir: absolute, fs: fsType };
  try {
    for (const level of missing) await mkdir(level);
    const probe = path.join(absolute, `.dockgrade-write-test-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe, { force: true });
    return undefined;
  } catch (error) {
    return {
      kind: "unwritable",
      dir: absolute,
      cause: (error as NodeJS.ErrnoException).code ?? String(error),
    };
  }
}

const CAUSES: Record<string, { en: string; fr: string }> = {
  EACCES: { en: "permission denied", fr: "permission refusée" },
  EPERM: { en: "permission denied", fr: "permission refusée" },
  EROFS: { en: "the disk is read-only", fr: "le disque est en lecture seule" },
  ENOSPC: { en: "the disk is full", fr: "le disque est plein" },
  ENOTDIR: { en: "part of the path is a file", fr: "une partie du chemin est un fichier" },
};

/** What to tell the user about an output folder that cannot be used: what, why, and how to fix it. */
export function outDirMessage(problem: OutDirProblem, lang: Lang): string {
  const rel = path.relative(process.cwd(), problem.dir);
  const shown = rel && !rel.startsWith("..") ? rel : problem.dir;
  const fr = lang === "fr";
  switch (problem.kind) {
    case "pseudo":
      return fr
        ? `--out ${shown} : ce dossier est une vue du système (${problem.fs}), on ne peut pas y écrire de rapports. Donnez un dossier à vous, par exemple --out reports.`
        : `--out ${shown}: this folder is a view of the system (${problem.fs}), reports cannot be written there. Give a folder of your own, for example --out reports.`;
    case "file-in-path":
      return fr
        ? `--out ${shown} : ${problem.file} est un fichier, pas un dossier. Donnez le chemin d'un dossier, par exemple --out reports.`
        : `--out ${shown}: ${problem.file} is a file, not a folder. Give a folder path, for example --out reports.`;
    case "unwritable": {
      const cause = CAUSES[problem.cause]?.[lang] ?? problem.cause;
      return fr
        ? `--out ${shown} : impossible d'y écrire les rapports (${cause}). Donnez un dossier où vous pouvez écrire, ou --no-out.`
        : `--out ${shown}: reports cannot be written there (${cause}). Give a folder you can write to, or --no-out.`;
    }
  }
}
