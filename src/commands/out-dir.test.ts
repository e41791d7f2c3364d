import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OutDirProblem, outDirMessage, prepareOutDir, underPseudoRoot } from "./out-dir.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-out-"));
  await writeFile(path.join(dir, "file"), "");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("prepareOutDir", () => {
  it("creates missing folders and leaves no probe file behind", async () => {
    const out = path.join(dir, "a/b/c");
    expect(await prepareOutDir(out)).toBeUndefined();
    expect(await readdir(out)).toEqual([]);
  });

  it.each([
    ["a file on the way", "file/reports", { kind: "file-in-path" }],
    ["an existing file", "file", { kind: "file-in-path" }],
  ])("refuses %s", async (_name, rel, problem) => {
    expect(await prepareOutDir(path.join(dir, rel))).toMatchObject({
      ...problem,
      file: path.join(dir, "file"),
    });
  });

  it.each([
    ["/proc/dockgrade", "proc"],
    ["/sys/kernel/x", "sys"],
    ["/dev/shm/../x", "dev"],
  ])("refuses the system folder %s at once, creating nothing", async (out, fs) => {
    const started = Date.now();
    expect(await prepareOutDir(out)).toMatchObject({ kind: "pseudo", fs });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ["/proc", true],
    ["/processes", false],
    ["/sys/x", true],
    ["/home/s/proc", false],
  ])("underPseudoRoot(%s) = %s", (out, expected) => expect(underPseudoRoot(out)).toBe(expected));
});

describe("outDirMessage", () => {
  const cases: Array<[OutDirProblem, "fr" | "en", string]> = [
    [
      { kind: "unwritable", dir: "/srv/out", cause: "EACCES" },
      "en",
      "--out /srv/out: reports cannot be written there (permission denied). Give a folder you can write to, or --no-out.",
    ],
    [
      { kind: "unwritable", dir: "/srv/out", cause: "EROFS" },
      "fr",
      "--out /srv/out : impossible d'y écrire les rapports (le disque est en lecture seule). Donnez un dossier où vous pouvez écrire, ou --no-out.",
    ],
    [
      { kind: "file-in-path", dir: "/srv/f/out", file: "/srv/f" },
      "en",
      "--out /srv/f/out: /srv/f is a file, not a folder. Give a folder path, for example --out reports.",
    ],
    [
      { kind: "pseudo", dir: "/proc/x", fs: "proc" },
      "fr",
      "--out /proc/x : ce dossier est une vue du système (proc), on ne peut pas y écrire de rapports. Donnez un dossier à vous, par exemple --out reports.",
    ],
  ];
  it.each(cases)("%j in %s", (problem, lang, text) => expect(outDirMessage(problem, lang)).toBe(text));
});
