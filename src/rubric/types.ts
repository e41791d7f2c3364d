import type { AssignmentSpec, CheckSpec, StepSpec } from "./schema.js";

/** How builds are sandboxed (the rubric's `build:`), defaults filled. */
export interface BuildPolicy {
  network: "closed" | "index-only" | "open";
  /** Hosts (`name` or `name:port`) the index-only proxy lets RUN steps reach. */
  indexHosts: string[];
  /** Images that exist only on the grading engine but FROM / COPY --from may still name. */
  allowedBases: string[];
  /** Memory of RUN steps; absent: the larger of the assignment's limit and 1 GiB. */
  memoryMb?: number;
  cpus: number;
  pids: number;
  diskMb: number;
}

/** Defaults applied when the assignment file says nothing. */
export const DEFAULT_TIMEOUTS = { build: 300, start: 30, check: 60 } as const;
export const DEFAULT_LIMITS = { memoryMb: 512, cpus: 1, pids: 256 } as const;
export const DEFAULT_BUILD: BuildPolicy = {
  network: "index-only",
  indexHosts: ["pypi.org", "files.pythonhosted.org"],
  allowedBases: [],
  cpus: 1,
  pids: 512,
  diskMb: 2048,
};
export const DEFAULT_REPORT_CANDIDATES = ["README.md", "readme.md", "Readme.md", "*.md", "**/*.md"];
/** A heading counts as a step of the report when its text matches this rubric pattern ("Étape 2 — …"). */
export const DEFAULT_STEP_HEADING = "^etape\\s*\\d";
export const DEFAULT_DOCKERFILE = "Dockerfile";

export interface Assignment
  extends Omit<AssignmentSpec, "defaults" | "report" | "build" | "image" | "examples"> {
  build: BuildPolicy;
  image: { name: string; tags: string[] };
  timeouts: { build: number; start: number; check: number };
  limits: { memoryMb: number; cpus: number; pids: number };
  reportCandidates: string[];
  /** `report.stepHeading`: the pattern of a step heading; the report is the candidate with the most. */
  stepHeading: string;
  /** `image.dockerfile`: the Dockerfile, relative to the submission root. */
  dockerfile: string;
}

/** What locating a submission's root and report needs from the assignment. */
export function submissionLayout(assignment: Assignment): {
  reportCandidates: string[];
  stepHeading: string;
  dockerfile: string;
} {
  const { reportCandidates, stepHeading, dockerfile } = assignment;
  return { reportCandidates, stepHeading, dockerfile };
}

export interface Check extends CheckSpec {
  params: Record<string, unknown>;
  needs: string[];
  visibility: "visible" | "hidden";
  stepId: string;
  /** Where the check is defined, for messages: `02-dockerfile.yaml:14:5`. */
  origin: string;
}

export interface Step extends Omit<StepSpec, "checks"> {
  file: string;
  checks: Check[];
}

/** A rubric that passed every validation: the engine can run it as it is. */
export interface Rubric {
  dir: string;
  /** `examples`, resolved: the folder of this rubric's example submissions, when it declares one. */
  examplesDir?: string;
  /** sha256 of the assignment and step files, so a report can be reused while the rubric is unchanged. */
  digest: string;
  assignment: Assignment;
  steps: Step[];
}
