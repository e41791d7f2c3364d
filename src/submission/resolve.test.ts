import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { DEFAULT_REPORT_CANDIDATES } from "../rubric/types.js";
import { isGitUrl, localCommit, mayBeInGitRepo, SubmissionError } from "./git-source.js";
import { resolveSubmission } from "./resolve.js";

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-sub-"));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

const options = { reportCandidates: DEFAULT_REPORT_CANDIDATES };

describe("resolveSubmission", () => {
  it("uses the folder holding the Dockerfile as root, and its README as the report", async () => {
    const dir = await tree({ Dockerfile: "FROM x\n", "README.md": "# TP\n## Etape 1\n", "app.py": "" });
    const { submission, dispose } = await resolveSubmission(dir, options);
    expect(submission).toMatchObject({ rootRel: "", reportFile: "README.md" });
    expect(submission.commit).toBeUndefined();
    await dispose();
  });

  it("finds a lab kept in a sub-folder and a report in another Markdown file", async () => {
    const dir = await tree({
      "README.md": "# Mes TPs\n",
      "tp1/Dockerfile": "FROM x\n",
      "tp1/app.py": "",
      "tp1/TP/Tpdocker1.md": "# TP\n## Étape 0\n## Etape 1\n## ETAPE 2\n",
      "tp2/notes.md": "## Etape 9\n",
    });
    const { submission } = await resolveSubmission(dir, options);
    expect(submission).toMatchObject({ rootRel: "tp1", reportFile: "tp1/TP/Tpdocker1.md" });
    expect(submission.root).toBe(path.join(submission.repoRoot, "tp1"));
  });

  it("takes --root when given and refuses one outside the repository", async () => {
    const dir = await tree({ "a/Dockerfile": "", "b/Dockerfile": "" });
    expect((await resolveSubmission(dir, { ...options, root: "b" })).submission.rootRel).toBe("b");
    await expect(resolveSubmission(dir, { ...options, root: "../.." })).rejects.toThrow(SubmissionError);
  });

  it("refuses a path that is not a folder", async () => {
    await expect(resolveSubmission("/nonexistent/dockgrade", options)).rejects.toThrow(/not a folder/);
  });

  it("clones a git URL shallowly, records the commit and removes the clone afterwards", async () => {
    const origin = await tree({ Dockerfile: "FROM x\n", "README.md": "## Etape 1\n" });
    const git = simpleGit(origin);
    await git.init();
    await git.addConfig("user.email", "t@example.invalid").addConfig("user.name", "t");
    await git.add(".").commit("initial");
    const head = (await git.revparse(["HEAD"])).trim();
    const url = `file://${origin}`;
    expect(isGitUrl(url)).toBe(true);
    const { submission, dispose } = await resolveSubmission(url, options);
    expect(submission).toMatchObject({ source: url, commit: head, reportFile: "README.md" });
    await dispose();
    await expect(import("node:fs/promises").then((fs) => fs.stat(submission.repoRoot))).rejects.toThrow();
  });

  it("records the commit of a local work tree and whether it is dirty", async () => {
    const dir = await tree({ Dockerfile: "FROM x\n" });
    const git = simpleGit(dir);
    await git.init();
    await git.addConfig("user.email", "t@example.invalid").addConfig("user.name", "t");
    await git.add(".").commit("initial");
    expect((await resolveSubmission(dir, options)).submission).toMatchObject({
      dirty: false,
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    await writeFile(path.join(dir, "new.txt"), "x");
    expect((await resolveSubmission(dir, options)).submission.dirty).toBe(true);
  });

  it("finds the commit of a folder inside a work tree, and none before the first commit", async () => {
    const dir = await tree({ "tp1/Dockerfile": "FROM x\n" });
    const git = simpleGit(dir);
    await git.init();
    expect(await localCommit(path.join(dir, "tp1"))).toEqual({});
    await git.addConfig("user.email", "t@example.invalid").addConfig("user.name", "t");
    await git.add(".").commit("initial");
    expect(await localCommit(path.join(dir, "tp1"))).toEqual({
      commit: (await git.revparse(["HEAD"])).trim(),
      dirty: false,
    });
  });

  it("runs git only where a repository can be: a .git here or above, or GIT_DIR", async () => {
    const plain = await tree({ "a/b/Dockerfile": "FROM x\n" });
    expect(await mayBeInGitRepo(path.join(plain, "a/b"), {})).toBe(false);
    expect(await mayBeInGitRepo(path.join(plain, "a/b"), { GIT_DIR: "/elsewhere/.git" })).toBe(true);
    await writeFile(path.join(plain, "a/.git"), "gitdir: /elsewhere/.git/worktrees/a\n");
    expect(await mayBeInGitRepo(path.join(plain, "a/b"), {})).toBe(true);
    expect(await mayBeInGitRepo(plain, {})).toBe(false);
  });
});
