import {
  type Finding as AnyFinding,
  type GraderResult as AnyGraderResult,
  creditStatus,
} from "../../../src/grader/contract.js";
import type { DockerCommand } from "./commands.js";
import type { TagsMessageId } from "./messages.js";
import { canonical, referencesTo, type TagTrace, type TracedReference, traceTags } from "./trace.js";

type Finding = AnyFinding<TagsMessageId>;
type GraderResult = AnyGraderResult<TagsMessageId>;

export interface TagsParams {
  name: string;
  tags: string[];
  semver: boolean;
}

export interface TagsVerdict {
  result: GraderResult;
  /** Tags of `name` the commands give the final image: the harness applies them to its own build. */
  apply: string[];
}

// semver.org's grammar, without build metadata (a Docker tag cannot hold `+`).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

/** A semantic version `MAJOR.MINOR.PATCH[-prerelease]`, as semver.org defines it (no leading `v`). */
export function isSemver(tag: string): boolean {
  return SEMVER.test(tag);
}

const where = (command: DockerCommand) => `${command.file}:${command.line}`;

/** One unit of credit: its findings and whether it was met. */
interface Unit {
  met: boolean;
  findings: Finding[];
}

/**
 * Which tags the documented commands give the final image, and whether the required ones are among
 * them. The final image is the one the first required tag found points at (else the last build). Each
 * required tag is one unit of credit, and so is `semver` when the commands give a version-like tag.
 */
export function judgeTags(commands: readonly DockerCommand[], params: TagsParams): TagsVerdict {
  if (commands.length === 0) {
    const data = { name: params.name, tags: params.tags.join(", "), example: example(params) };
    const findings: Finding[] = [{ messageId: "noCommands", severity: "problem", data }];
    return { result: { status: "fail", credit: 0, findings }, apply: [] };
  }
  const trace = traceTags(commands);
  const own = (r: TracedReference) => !r.reference.registry && r.reference.path === params.name;
  const keys = params.tags.map((tag) => canonical(`${params.name}:${tag}`) ?? "");
  const target =
    keys.map((key) => trace.refs.get(key)?.image).find((i) => i !== undefined) ?? trace.lastBuild;
  const onTarget = target ? referencesTo(trace, target) : [];
  const produced = onTarget.filter(own);
  const anchor = produced.find((r) => r.reference.tag !== "latest") ?? produced[0];
  const units = params.tags.map((tag) => requiredTag(`${params.name}:${tag}`, trace, target, anchor));
  const versions = produced.filter((r) => /^v?\d/i.test(r.reference.tag));
  if (params.semver && versions.length > 0) units.push(semverUnit(versions));
  const findings = units.flatMap((u) => u.findings);
  for (const alias of onTarget.filter((r) => !own(r) && r.reference.name === params.name)) {
    const data = { ref: alias.reference.written, command: alias.command.text };
    findings.push({ messageId: "alias", severity: "info", code: "TG003", data });
  }
  const credit = units.filter((u) => u.met).length / units.length;
  const apply = [...new Set(produced.map((r) => r.reference.tag))];
  const details = {
    commands: commands.map((c) => ({ kind: c.kind, refs: c.refs, at: where(c) })),
    produced: apply,
    aliases: onTarget.filter((r) => !own(r)).map((r) => r.reference.written),
  };
  const status = creditStatus(credit);
  return { result: { status, credit, findings, details }, apply };
}

/** A required reference: on the final image, on another one, or given by no command. */
function requiredTag(
  ref: string,
  trace: TagTrace,
  target: string | undefined,
  anchor: TracedReference | undefined,
): Unit {
  const traced = trace.refs.get(canonical(ref) ?? "");
  const at = traced ? { file: traced.command.file, line: traced.command.line } : {};
  if (traced && traced.image === target) {
    const data = { ref, command: traced.command.text, at: where(traced.command) };
    return { met: true, findings: [{ messageId: "tagOk", severity: "ok", code: "TG001", data, ...at }] };
  }
  const fix = anchor ? `docker tag ${anchor.reference.written} ${ref}` : `docker build -t ${ref} .`;
  if (traced) {
    const image = anchor?.reference.written ?? "?";
    const data = { ref, command: traced.command.text, at: where(traced.command), image, fix };
    return {
      met: false,
      findings: [{ messageId: "tagElsewhere", severity: "problem", code: "TG001", data, ...at }],
    };
  }
  const all = [...trace.refs.values()].map((r) => r.reference.written);
  const data = { ref, found: all.length > 0 ? all.join(", ") : "-", fix };
  return { met: false, findings: [{ messageId: "tagMissing", severity: "problem", code: "TG001", data }] };
}

/** The version tags (not `latest`) the final image gets are semantic versions. */
function semverUnit(versions: readonly TracedReference[]): Unit {
  const bad = versions.filter((r) => !isSemver(r.reference.tag));
  const shown = bad.length > 0 ? bad : versions.slice(0, 1);
  const findings = shown.map(
    (r): Finding => ({
      messageId: bad.length > 0 ? "notSemver" : "semverOk",
      severity: bad.length > 0 ? "problem" : "ok",
      code: "TG002",
      data: { ref: r.reference.written, tag: r.reference.tag },
      file: r.command.file,
      line: r.command.line,
    }),
  );
  return { met: bad.length === 0, findings };
}

function example(params: TagsParams): string {
  const [first, ...rest] = params.tags;
  const build = `docker build -t ${params.name}:${first ?? "latest"} .`;
  return [build, ...rest.map((tag) => `docker tag ${params.name}:${first} ${params.name}:${tag}`)].join(
    " ; ",
  );
}
