import { type Lang, localize } from "../i18n/text.js";
import type { Rubric } from "../rubric/types.js";
import { redactUrl } from "../submission/git-url.js";
import type { ClassList } from "./inputs.js";
import type { Shard } from "./shard.js";
import type { BatchManifest } from "./store.js";

/** The batch's record of its class and rubric, written before any grading (merge and re-runs read it). */
export function buildManifest(input: {
  list: ClassList;
  rubric: Rubric;
  lang: Lang;
  shard?: Shard;
  deadline?: Date;
}): BatchManifest {
  const { rubric, lang } = input;
  return {
    version: 1,
    rubric: {
      id: rubric.assignment.id,
      title: localize(rubric.assignment.title, lang),
      digest: rubric.digest,
      maxScore: rubric.assignment.totalPoints,
    },
    lang,
    columns: input.list.columns,
    steps: rubric.steps.map((step) => ({
      id: step.id,
      title: localize(step.title, lang),
      maxScore: step.points,
    })),
    checks: rubric.steps.flatMap((step) =>
      step.checks.map((check) => ({
        id: check.id,
        title: check.title ? localize(check.title, lang) : check.id,
        stepId: step.id,
      })),
    ),
    entries: input.list.entries.map((entry) => ({
      id: entry.id,
      columns: entry.columns,
      ...(entry.source ? { source: redactUrl(entry.source) } : {}),
    })),
    ...(input.shard ? { shard: input.shard } : {}),
    ...(input.deadline ? { deadline: input.deadline.toISOString() } : {}),
  };
}
