import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { GraderResult } from "../src/grader/contract.js";
import { contextFor, rendered } from "../src/grader/test-context.js";
import { extractDockerCommands } from "./kit/tags/commands.js";
import { isSemver, judgeTags } from "./kit/tags/judge.js";
import { documentedCommands, markdownCommandSources } from "./kit/tags/sources.js";
import { referencesTo, traceTags } from "./kit/tags/trace.js";
import tags from "./tags.js";

const commandsOf = (text: string, makefile = false) =>
  extractDockerCommands({ file: "README.md", text, firstLine: 10, makefile });

/** The tags of `quotegen` on the image `quotegen:1.1.0` names (else the last build) after the commands. */
function produced(text: string, makefile = false): string[] {
  const trace = traceTags(commandsOf(text, makefile));
  const image = trace.refs.get("quotegen:1.1.0")?.image ?? trace.lastBuild;
  return image
    ? referencesTo(trace, image)
        .map((r) => r.reference.written)
        .sort()
    : [];
}

const REQUIRED = { name: "quotegen", tags: ["1.1.0", "latest"], semver: true };
const text = (result: GraderResult) => rendered(tags, result);

describe("the tags documented commands produce", () => {
  it.each([
    ["docker build -t quotegen:1.1.0 -t quotegen:latest .", ["quotegen:1.1.0", "quotegen:latest"]],
    ["docker build --tag=quotegen:1.1.0 --tag quotegen:latest .", ["quotegen:1.1.0", "quotegen:latest"]],
    ["docker build -tquotegen:1.1.0 .", ["quotegen:1.1.0"]],
    [
      "docker build -t quotegen:1.1.0 .\ndocker tag quotegen:1.1.0 quotegen:latest",
      ["quotegen:1.1.0", "quotegen:latest"],
    ],
    [
      "docker image build -t quotegen:1.1.0 . && docker image tag quotegen:1.1.0 quotegen",
      ["quotegen", "quotegen:1.1.0"],
    ],
    [
      "$ docker buildx build \\\n    -t quotegen:1.1.0 \\\n    -t quotegen:latest .",
      ["quotegen:1.1.0", "quotegen:latest"],
    ],
    ["etudiant@pc:~/quotegen$ sudo docker build -t quotegen:1.1.0 .", ["quotegen:1.1.0"]],
    [
      "PS C:\\tp> docker build -t quotegen:1.1.0 `\n  -t quotegen:latest .",
      ["quotegen:1.1.0", "quotegen:latest"],
    ],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, as a student writes it.
      'VERSION=1.1.0\ndocker build -t "quotegen:$VERSION" .\ndocker tag quotegen:${VERSION} quotegen:latest',
      ["quotegen:1.1.0", "quotegen:latest"],
    ],
    [
      "docker tag quotegen:1.1.0 quotegen:latest\ndocker tag quotegen:1.1.0 registry.local:5000/quotegen:1.1.0",
      ["quotegen:1.1.0", "quotegen:latest", "registry.local:5000/quotegen:1.1.0"],
    ],
    [
      "docker build -t quotegen:1.0.0 .\ndocker build -t quotegen:1.1.0 .\ndocker rmi quotegen:1.0.0",
      ["quotegen:1.1.0"],
    ],
    ["docker run --rm -p 5000:5000 quotegen:1.1.0\ndocker rm quotegen\ndocker history quotegen:1.1.0", []],
    ["# docker build -t quotegen:9.9.9 .\ndocker build -t quotegen:1.1.0 .  # then tag", ["quotegen:1.1.0"]],
  ])("%j", (script, expected) => {
    expect(produced(script)).toEqual(expected);
  });

  it("reads Makefile variables and recipes", () => {
    const makefile =
      "NAME := quotegen\nVERSION ?= 1.1.0\n\nbuild:\n\t@docker build -t $(NAME):$(VERSION) .\n\tdocker tag $(NAME):$(VERSION) $(NAME):latest\n";
    expect(produced(makefile, true)).toEqual(["quotegen:1.1.0", "quotegen:latest"]);
  });

  it("keeps where each command was written (line continuations joined)", () => {
    const commands = commandsOf(
      "docker build \\\n  -t quotegen:1.1.0 .\n\ndocker tag quotegen:1.1.0 quotegen:latest",
    );
    expect(commands.map((c) => [c.kind, c.refs, c.line])).toEqual([
      ["build", ["quotegen:1.1.0"], 10],
      ["tag", ["quotegen:1.1.0", "quotegen:latest"], 13],
    ]);
  });

  it("takes a rebuild under the same tags as the same image, a tag from an older build as another", () => {
    const rebuilt =
      "docker build -t quotegen:1.1.0 .\ndocker tag quotegen:1.1.0 quotegen:latest\ndocker build -t quotegen:1.1.0 .";
    expect(produced(rebuilt)).toEqual(["quotegen:1.1.0", "quotegen:latest"]);
    const stale =
      "docker build -t quotegen:1.0.0 .\ndocker tag quotegen:1.0.0 quotegen:latest\ndocker build -t quotegen:1.1.0 .";
    expect(produced(stale)).toEqual(["quotegen:1.1.0"]);
  });
});

describe("isSemver", () => {
  it.each([
    ["1.1.0", true],
    ["0.1.0", true],
    ["1.1.0-rc.1", true],
    ["v1.1.0", false],
    ["1.1", false],
    ["1", false],
    ["01.1.0", false],
    ["latest", false],
  ])("%s → %s", (tag, expected) => {
    expect(isSemver(tag)).toBe(expected);
  });
});

describe("judgeTags", () => {
  it("passes the course's commands and notes the registry alias", () => {
    const { result, apply } = judgeTags(
      commandsOf(
        "docker build -t quotegen:1.1.0 .\ndocker tag quotegen:1.1.0 quotegen:latest\ndocker tag quotegen:1.1.0 registry.local:5000/quotegen:1.1.0",
      ),
      REQUIRED,
    );
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(apply).toEqual(["1.1.0", "latest"]);
    expect(result.findings.map((f) => [f.code, f.messageId, f.line])).toEqual([
      ["TG001", "tagOk", 10],
      ["TG001", "tagOk", 11],
      ["TG002", "semverOk", 10],
      ["TG003", "alias", undefined],
    ]);
  });

  it("fails clearly when latest is never tagged", () => {
    const { result, apply } = judgeTags(commandsOf("docker build -t quotegen:1.1.0 ."), REQUIRED);
    expect(result).toMatchObject({ status: "partial", credit: 2 / 3 });
    expect(apply).toEqual(["1.1.0"]);
    expect(text(result)).toContain(
      "No documented command gives quotegen:latest; the commands give quotegen:1.1.0. Add the command to the report: docker tag quotegen:1.1.0 quotegen:latest",
    );
  });

  it("fails a latest taken from an older build, naming the command", () => {
    const { result } = judgeTags(
      commandsOf(
        "docker build -t quotegen:1.0.0 .\ndocker tag quotegen:1.0.0 quotegen:latest\ndocker build -t quotegen:1.1.0 .",
      ),
      REQUIRED,
    );
    expect(result.findings[1]).toMatchObject({ messageId: "tagElsewhere", severity: "problem", line: 11 });
    expect(text(result)).toContain(
      "but `docker tag quotegen:1.0.0 quotegen:latest` (README.md:11) puts it on another image",
    );
  });

  it("fails a version that is not semver", () => {
    const { result } = judgeTags(commandsOf("docker build -t quotegen:v1.1 -t quotegen:latest ."), REQUIRED);
    expect(result.findings.map((f) => f.messageId)).toEqual(["tagMissing", "tagOk", "notSemver"]);
    expect(result.credit).toBeCloseTo(1 / 3);
    expect(text(result)).toContain("The version tag v1.1 (quotegen:v1.1) is not a semantic version");
  });

  it("says which references the commands give when they tag another name", () => {
    const inline = markdownCommandSources(
      "R.md",
      "Build et tags : `docker build -t myapp:1.1.0 -t myapp:latest .`\n",
    );
    const { result } = judgeTags(inline.flatMap(extractDockerCommands), REQUIRED);
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    expect(text(result)).toContain(
      "No documented command gives quotegen:1.1.0; the commands give myapp:1.1.0, myapp:latest.",
    );
  });

  it("fails when no command is documented", () => {
    const { result, apply } = judgeTags([], REQUIRED);
    expect(result).toMatchObject({ status: "fail", credit: 0, findings: [{ messageId: "noCommands" }] });
    expect(apply).toEqual([]);
    expect(text(result)).toContain(
      "docker build -t quotegen:1.1.0 . ; docker tag quotegen:1.1.0 quotegen:latest",
    );
  });
});

describe("documented commands in a submission", () => {
  it("reads the complete example's report: code blocks and inline docker commands, with their lines", () => {
    const readme = readFileSync("submissions-example/complete/README.md", "utf8");
    const commands = markdownCommandSources("README.md", readme).flatMap(extractDockerCommands);
    expect(commands.map((c) => [c.kind, c.refs.join(" ")])).toEqual([
      ["build", "quotegen:1.0.0"],
      ["build", "quotegen:1.1.0"],
      ["rmi", "quotegen:1.0.0"],
      ["tag", "quotegen:1.1.0 quotegen:latest"],
      ["tag", "quotegen:1.1.0 registry.local:5000/quotegen:1.1.0"],
      // The quiz and the closing table quote builds inline: the same tags again, so the same image.
      ["build", ""],
      ["build", "quotegen:1.1.0"],
      ["build", "quotegen:1.1.0"],
      ["rmi", ""],
    ]);
    const lines = readme.split("\n");
    for (const c of commands) expect(lines[c.line - 1]).toContain(c.text.split(" ").slice(0, 2).join(" "));
    expect(judgeTags(commands, REQUIRED).result).toMatchObject({ status: "pass", credit: 1 });
  });

  it("adds *.sh scripts and a Makefile at the submission root, after the report", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dockgrade-tags-"));
    writeFileSync(path.join(dir, "README.md"), "# TP\n\n```bash\ndocker build -t quotegen:1.0.0 .\n```\n");
    writeFileSync(
      path.join(dir, "build.sh"),
      "#!/bin/sh\nset -e\nVERSION=1.1.0\ndocker build -t quotegen:$VERSION .\n",
    );
    writeFileSync(path.join(dir, "Makefile"), "tag:\n\tdocker tag quotegen:1.1.0 quotegen:latest\n");
    const ctx = contextFor(dir, { reportFile: "README.md" });
    const commands = await documentedCommands(ctx);
    expect(commands.map((c) => [c.file, c.line, c.kind])).toEqual([
      ["README.md", 4, "build"],
      ["build.sh", 4, "build"],
      ["Makefile", 2, "tag"],
    ]);
    expect(await documentedCommands(ctx, { scripts: false })).toHaveLength(1);
  });
});
