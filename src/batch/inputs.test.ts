import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueIds } from "./ids.js";
import { InputError, readRoster, readSubmissionFolder, readUrlList } from "./inputs.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-inputs-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, text);
  return target;
}

describe("readRoster", () => {
  it("reads a GitHub Classroom roster, keeps extra columns, and lists a student with no repository", async () => {
    const roster = await file(
      "roster.csv",
      '\uFEFF"identifier","github_username","github_id","name","group"\n' +
        '"alice@school.fr","alice-dev","101","Alice Martin","A"\n' +
        '"bob@school.fr","","","Bob Durand","B"\n' +
        '"alice@school.fr","alice2","102","Alice Other","A"\n',
    );
    const list = await readRoster(roster, "https://github.com/org/tp-{github_username}.git", "en");
    expect(list.columns).toEqual(["identifier", "github_username", "github_id", "name", "group"]);
    expect(list.entries.map((e) => e.id)).toEqual(["alice_school.fr", "bob_school.fr", "alice_school.fr-2"]);
    expect(list.entries[0]?.source).toBe("https://github.com/org/tp-alice-dev.git");
    expect(list.entries[0]?.columns.group).toBe("A");
    expect(list.entries[1]?.source).toBeUndefined();
    expect(list.entries[1]?.problem).toEqual({
      messageId: "noRepository",
      data: { column: "github_username" },
    });
  });

  it("names the file and the missing column when the template cannot be filled", async () => {
    const roster = await file("short.csv", "identifier,name\nx,Y\n");
    await expect(readRoster(roster, "https://h/{github_username}", "en")).rejects.toThrow(
      /short\.csv: the URL template uses github_username/,
    );
    await expect(readRoster(roster, "https://h/{github_username}", "fr")).rejects.toBeInstanceOf(InputError);
  });

  it("refuses an empty roster and a missing file, naming them", async () => {
    const empty = await file("empty.csv", "identifier,github_username\n");
    await expect(readRoster(empty, "https://h/{github_username}", "en")).rejects.toThrow(
      /empty\.csv: no student/,
    );
    await expect(readRoster(path.join(dir, "nope.csv"), "x", "en")).rejects.toThrow(
      /nope\.csv: not a readable/,
    );
  });
});

describe("readUrlList and readSubmissionFolder", () => {
  it("reads one URL a line, skipping comments, with unique ids", async () => {
    const urls = await file(
      "urls.txt",
      "# class A\nhttps://h/org/tp-alice.git\n\n  https://h/other/tp-alice.git  \ngit://h/tp-bob\n",
    );
    const list = await readUrlList(urls, "en");
    expect(list.entries.map((e) => [e.id, e.source])).toEqual([
      ["tp-alice", "https://h/org/tp-alice.git"],
      ["tp-alice-2", "https://h/other/tp-alice.git"],
      ["tp-bob", "git://h/tp-bob"],
    ]);
    expect(list.columns).toEqual(["identifier", "source"]);
  });

  it("lists the sub-folders of a folder, hidden ones aside", async () => {
    const root = path.join(dir, "class");
    for (const name of ["zoe", "adam", ".git"]) await mkdir(path.join(root, name), { recursive: true });
    await writeFile(path.join(root, "notes.txt"), "x");
    const list = await readSubmissionFolder(root, "en");
    expect(list.entries.map((e) => e.id)).toEqual(["adam", "zoe"]);
    expect(list.entries[0]?.source).toBe(path.join(root, "adam"));
  });
});

describe("uniqueIds", () => {
  it.each([
    [
      ["a", "A", "a"],
      ["a", "A-2", "a-3"],
    ],
    [
      ["../../etc", ".hidden", ""],
      ["etc", "hidden", "student"],
    ],
    [
      ["Élodie Durand", "index.html", "grades.csv"],
      ["Elodie_Durand", "index.html-2", "grades.csv-2"],
    ],
  ])("%j → %j", (names, ids) => {
    expect(uniqueIds(names)).toEqual(ids);
  });
});
