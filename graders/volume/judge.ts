import type { Finding } from "../../src/grader/contract.js";
import type { HttpOutcome } from "../kit/app/http-probe.js";
import { servedValue } from "../kit/app/json-field.js";
import type { ScoredPart } from "../kit/app/score-parts.js";
import { excerpt } from "../kit/app/text.js";
import type { VolumeMessageId } from "./messages.js";

export type VolumePart = ScoredPart<VolumeMessageId> & { id: "mask" | "live" | "namedVolume" | "appMasked" };

/** Where a bind mount went and what was asked, for the messages. */
export interface MountFacts {
  target: string;
  method: string;
  path: string;
  /** JSON field holding the served line; "" for the whole body. */
  field: string;
  /** The lines of the submission's own copy (the one baked into the image), when readable. */
  imageLines?: ReadonlySet<string>;
}

const part = (
  id: VolumePart["id"],
  passed: boolean,
  messageId: VolumeMessageId,
  data: Finding["data"],
): VolumePart => ({
  id,
  passed,
  findings: [{ messageId, severity: passed ? "ok" : "problem", data }],
});

function served(answer: HttpOutcome, field: string): string | undefined {
  return answer.ok && answer.status < 400 ? servedValue(answer.body, field) : undefined;
}

function describeAnswer(answer: HttpOutcome, field: string): string {
  if (!answer.ok) return `no answer (${answer.kind})`;
  const value = served(answer, field);
  return value === undefined ? `${answer.status} ${excerpt(answer.body, 100)}` : `"${excerpt(value, 100)}"`;
}

/** (a) A host file of one probe line, mounted over the target, is what the app serves. */
export function judgeMask(facts: MountFacts, probe: string, answer: HttpOutcome): VolumePart {
  const data = { target: facts.target, method: facts.method, path: facts.path, probe };
  const value = served(answer, facts.field);
  if (value === probe) return part("mask", true, "maskServed", data);
  const fromImage = value !== undefined && facts.imageLines?.has(value);
  return part("mask", false, fromImage ? "maskServedImageCopy" : "maskNotServed", {
    ...data,
    found: describeAnswer(answer, facts.field),
  });
}

/** (b) After the host file changed (first probe out, second in), the running app serves the new line. */
export function judgeLive(
  facts: MountFacts,
  probes: { first: string; second: string },
  answer: HttpOutcome,
): VolumePart {
  const data = { target: facts.target, method: facts.method, path: facts.path, probe: probes.second };
  const value = served(answer, facts.field);
  if (value === probes.second) return part("live", true, "liveServed", data);
  if (value === probes.first) return part("live", false, "liveStale", { ...data, old: probes.first });
  return part("live", false, "liveNotServed", { ...data, found: describeAnswer(answer, facts.field) });
}

/** What happened to a file written into a named volume, then read back from a new container. */
export type VolumeTrip =
  | { stage: "first-container"; exitCode: number }
  | { stage: "write"; output: string }
  | { stage: "second-container"; exitCode: number }
  | { stage: "read"; found: string };

/** (c) A named volume keeps a file across removing and recreating the container. */
export function judgeNamedVolume(target: string, probe: string, trip: VolumeTrip): VolumePart {
  const data = { target, probe };
  switch (trip.stage) {
    case "first-container":
    case "second-container":
      return part("namedVolume", false, "volumeContainerExited", { ...data, exitCode: trip.exitCode });
    case "write":
      return part("namedVolume", false, "volumeWriteFailed", { ...data, output: excerpt(trip.output, 200) });
    case "read":
      return trip.found.trim() === probe
        ? part("namedVolume", true, "volumeKept", data)
        : part("namedVolume", false, "volumeLost", { ...data, found: excerpt(trip.found, 100) });
  }
}

/** What the container did with an empty folder mounted over the app's folder. */
export interface MaskedAppRun {
  /** Whether the app answered without the mount (undefined: not tried). */
  baselineAnswered?: boolean;
  /** What the app's folder held without the mount, when listed. */
  baselineListing?: string[];
  answered: boolean;
  exited?: { exitCode: number; error?: string };
  /** The folder's entries inside the masked container, when it still ran. */
  listing?: string[];
  waitedSeconds: number;
}

/** (d) An empty bind mount over the app's folder hides the code copied there at build time. */
export function judgeAppMasked(appDir: string, run: MaskedAppRun): VolumePart {
  const baseline = run.baselineListing?.length ? run.baselineListing.slice(0, 6).join(", ") : "its files";
  const data = { appDir, baseline };
  if (run.baselineAnswered === false) return part("appMasked", false, "appMaskNotJudged", data);
  if (run.answered) return part("appMasked", false, "appStillAnswers", data);
  if (run.listing && run.listing.length > 0)
    return part("appMasked", false, "appDirNotEmpty", {
      ...data,
      listing: run.listing.slice(0, 6).join(", "),
    });
  if (run.exited) {
    const error = run.exited.error ? `: ${run.exited.error}` : "";
    return part("appMasked", true, "appHidden", { ...data, exitCode: run.exited.exitCode, error });
  }
  return part("appMasked", true, "appHiddenQuiet", { ...data, seconds: Math.round(run.waitedSeconds) });
}
