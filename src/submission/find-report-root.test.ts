import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_REPORT_CANDIDATES } from "../rubric/types.js";
import { MAX_REPORT_BYTES, megabytes } from "./find-report.js";
import { pickDockerfileRoot } from "./find-root.js";
import { resolveSubmission } from "./resolve.js";
import { SubmissionError } from "./submission-error.js";

async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-find-"));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}
const options = { reportCandidates: DEFAULT_REPORT_CANDIDATES };
const refusal = async (files: Record<string, string | Buffer>) => {
  const error = await resolveSubmission(await tree(files), options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SubmissionError);
  return error as SubmissionError;
};

describe("pickDockerfileRoot", () => {
  it.each([
    [[], ""],
    [[""], ""],
    [["", "tp2"], ""],
    [["tp1"], "tp1"],
    [["tp1", "tp1/test"], "tp1"],
    [["tp1", "tp2"], undefined],
    [["tp1", "other/deep"], undefined],
  ])("%j -> %j", (folders, root) => expect(pickDockerfileRoot(folders)).toBe(root));
});

describe("submissions that cannot be graded as they are", () => {
  it("several labs and no --root: lists the Dockerfiles and asks for --root", async () => {
    const error = await refusal({ "tp1/Dockerfile": "FROM x\n", "tp2/Dockerfile": "FROM x\n" });
    expect(error.text("en")).toBe(
      "this repository holds several Dockerfiles (tp1/Dockerfile, tp2/Dockerfile), and dockgrade cannot guess which lab to grade. Name the lab's folder with --root, for example --root tp1.",
    );
    expect(error.text("fr")).toContain("plusieurs Dockerfile (tp1/Dockerfile, tp2/Dockerfile)");
  });

  it("a README over the size limit: says so, with its size and the limit", async () => {
    const big = `## Etape 1\n${"x".repeat(MAX_REPORT_BYTES + 300_000)}`;
    const error = await refusal({ Dockerfile: "FROM x\n", "README.md": big });
    expect(error.text("en")).toMatch(
      /^the lab report README\.md is too large to read: 5\.3 MB, and the limit is 5 MB\./,
    );
    expect(error.text("fr")).toContain("5,3 Mo, la limite est de 5 Mo");
  });

  it("a binary README: says it is not text", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const error = await refusal({ Dockerfile: "FROM x\n", "README.md": png });
    expect(error.text("en")).toMatch(/^the lab report README\.md is not text: it holds binary data/);
  });

  it("a README saved as UTF-16: says how to save it as UTF-8", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("## Etape 1\n", "utf16le")]);
    const error = await refusal({ Dockerfile: "FROM x\n", "README.md": utf16 });
    expect(error.text("fr")).toMatch(/enregistré en UTF-16 .* Enregistrez-le de nouveau en UTF-8/);
  });

  it("an unreadable Markdown file beside a real report is left alone", async () => {
    const dir = await tree({
      Dockerfile: "FROM x\n",
      "README.md": "## Etape 1\n## Etape 2\n",
      "docs/diagram.md": Buffer.from([0, 1, 2, 3]),
    });
    expect((await resolveSubmission(dir, options)).submission.reportFile).toBe("README.md");
  });

  it.each([
    [0, "en", "0 MB"],
    [5 * 1024 * 1024, "en", "5 MB"],
    [6.34 * 1024 * 1024, "fr", "6,3 Mo"],
  ] as const)("megabytes(%d, %s) = %s", (bytes, lang, text) => expect(megabytes(bytes, lang)).toBe(text));
});
