import path from "node:path";
import { parseDockerfile } from "../src/dockerfile/parse.js";
import { defineGrader, type GraderContext, type GraderResult } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import { nearMissName } from "../src/submission/near-miss.js";
import { RULES } from "./dockerfile/all-rules.js";
import { judgeDockerfile } from "./dockerfile/judge.js";
import { DockerfileParams } from "./dockerfile/params.js";
import { refusalFinding, unreadableFinding, unreadableMessages } from "./dockerfile/unreadable.js";

/**
 * `dockerfile`: static rules on the parsed Dockerfile (DF001 base image ... DF007 server binding), with
 * stable codes and line numbers. A Dockerfile that is missing, misnamed, empty or unreadable by Docker is
 * one DF000 finding, not one per rule. Reading the file is all the I/O; the rules are pure
 * (`graders/dockerfile/rules/`).
 */
export default defineGrader({
  id: "dockerfile",
  description: {
    en: "The Dockerfile follows the course's rules: base image, WORKDIR, requirements first, pip without cache, EXPOSE, exec form, Gunicorn bound to the right address.",
    fr: "Le Dockerfile suit les règles du cours : image de base, WORKDIR, dépendances d'abord, pip sans cache, EXPOSE, forme exec, Gunicorn sur la bonne adresse.",
  },
  params: DockerfileParams,
  requires: ["repository"],
  messages: Object.assign({}, unreadableMessages, ...RULES.map((rule) => rule.messages)) as MessageCatalog,
  async run(ctx, params) {
    const file = params.file ?? ctx.assignment.dockerfile;
    const read = await ctx.files.readBytes(file);
    if (!read.ok) {
      const nearMiss = read.reason === "missing" ? await findNearMiss(ctx, file) : undefined;
      const { status, finding } = refusalFinding(read.reason, file, ctx.submission.rootRel || ".", nearMiss);
      return { status, credit: 0, findings: [finding] };
    }
    const parsed = parseDockerfile(read.bytes);
    if (!parsed.ok)
      return { status: "fail", credit: 0, findings: [unreadableFinding(parsed.problem, read.rel)] };
    const contextFiles = await listContext(ctx);
    return judgeDockerfile(parsed.dockerfile, params, {
      file: read.rel,
      contextFiles,
    }) satisfies GraderResult;
  },
});

/** A misnamed Dockerfile beside where it was expected (`Docker file`, `Dockerfile.txt`...). */
async function findNearMiss(ctx: GraderContext, file: string): Promise<string | undefined> {
  const dir = path.posix.dirname(file);
  const listed = await ctx.files.list(dir === "." ? "" : dir, { depth: 0 });
  const names = listed.filter((f) => f.kind === "file").map((f) => path.posix.basename(f.rel));
  const found = nearMissName(path.posix.basename(file), names);
  return found === undefined || dir === "." ? found : `${dir}/${found}`;
}

/** The build context's files, relative to the submission root, for the rules that check COPY sources. */
async function listContext(ctx: GraderContext): Promise<string[]> {
  const prefix = ctx.submission.rootRel ? `${ctx.submission.rootRel}/` : "";
  const listed = await ctx.files.list("", { depth: 3 });
  return listed
    .filter((f) => f.kind === "file" && f.rel.startsWith(prefix))
    .map((f) => f.rel.slice(prefix.length));
}
