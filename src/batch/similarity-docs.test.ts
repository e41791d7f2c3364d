import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_REPORT_CANDIDATES } from "../rubric/types.js";
import { resolveSubmission } from "../submission/resolve.js";
import { InputError } from "./inputs.js";
import { collectSimilarityDocs, readReferenceDocs, SIMILARITY_TEXT_LIMIT } from "./similarity-docs.js";

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-similarity-"));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

async function collect(folder: string, owner = "student") {
  const { submission, files } = await resolveSubmission(folder, {
    reportCandidates: DEFAULT_REPORT_CANDIDATES,
  });
  return collectSimilarityDocs(files, submission, owner);
}

const complete = fileURLToPath(new URL("../../submissions-example/complete", import.meta.url));

describe("collectSimilarityDocs", () => {
  it("reads the report, the Dockerfile and app.py of the complete example", async () => {
    const docs = await collect(complete, "complete");
    expect(docs.map((d) => [d.owner, d.kind, d.file])).toEqual([
      ["complete", "readme", "README.md"],
      ["complete", "dockerfile", "Dockerfile"],
      ["complete", "app", "app.py"],
    ]);
    expect(docs[1]?.text).toContain("FROM python:3.12-slim");
    expect(docs[2]?.text).toContain("Flask(__name__)");
  });

  it("finds a lab in a sub-folder, app.py in the shallowest folder, and leaves out what is missing", async () => {
    const dir = await tree({
      "README.md": "# Mes TP\n",
      "tp1/Dockerfile": "FROM python:3.12-slim\n",
      "tp1/rapport.md": "# TP\n## Etape 1\nréponse\n",
      "tp1/src/deep/app.py": "print('deep')\n",
      "tp1/src/app.py": "print('shallow')\n",
      "tp1/b/app.py": "print('b')\n",
    });
    const docs = await collect(dir);
    expect(docs.map((d) => [d.kind, d.file])).toEqual([
      ["readme", "tp1/rapport.md"],
      ["dockerfile", "tp1/Dockerfile"],
      ["app", "tp1/b/app.py"],
    ]);
    expect(await collect(await tree({ "notes.txt": "rien" }))).toEqual([]);
  });

  it("keeps the first 256 KB of a long text and skips empty files", async () => {
    const line = "Une ligne de rapport assez longue pour remplir le fichier rapidement.\n";
    const dir = await tree({
      "README.md": `## Etape 1\n${line.repeat(Math.ceil((SIMILARITY_TEXT_LIMIT * 1.5) / line.length))}`,
      Dockerfile: "  \n",
    });
    const docs = await collect(dir);
    expect(docs.map((d) => d.kind)).toEqual(["readme"]);
    expect(docs[0]?.text.length).toBeLessThanOrEqual(SIMILARITY_TEXT_LIMIT);
    expect(docs[0]?.text.endsWith("rapidement.")).toBe(true);
  });

  it("does not follow a link out of the repository", async () => {
    const outside = await tree({ "secret.py": "TOKEN = 'x'\n" });
    const dir = await tree({ Dockerfile: "FROM x\n" });
    await symlink(path.join(outside, "secret.py"), path.join(dir, "app.py"));
    expect((await collect(dir)).map((d) => d.kind)).toEqual(["dockerfile"]);
  });
});

describe("readReferenceDocs", () => {
  it("reads every .md and .txt file, by name, as a reference report", async () => {
    const dir = await tree({
      "b.md": "# Published B\n",
      "a.txt": "Published A\n",
      "sub/c.MD": "Published C\n",
      "image.png": "not text",
      "empty.md": "\n",
    });
    const docs = await readReferenceDocs(dir);
    expect(docs.map((d) => [d.owner, d.kind, d.file])).toEqual([
      ["reference:a.txt", "readme", "a.txt"],
      ["reference:b.md", "readme", "b.md"],
      ["reference:sub/c.MD", "readme", "sub/c.MD"],
    ]);
  });

  it("refuses a missing folder or one without any report, in the user's language", async () => {
    await expect(readReferenceDocs("/nonexistent/dockgrade-refs")).rejects.toThrow(InputError);
    await expect(readReferenceDocs("/nonexistent/refs", { lang: "fr" })).rejects.toThrow(
      /introuvable.*--reference/,
    );
    const empty = await tree({ "notes.pdf": "x" });
    await expect(readReferenceDocs(empty)).rejects.toThrow(/no readable \.md or \.txt file/);
  });
});
