import type { RuleId } from "./params.js";
import type { DockerfileRule } from "./rule.js";
import { baseImage } from "./rules/base-image.js";
import { execForm } from "./rules/exec-form.js";
import { expose } from "./rules/expose.js";
import { multiStage } from "./rules/multi-stage.js";
import { pipNoCache } from "./rules/pip-no-cache.js";
import { requirementsFirst } from "./rules/requirements-first.js";
import { serverBinding } from "./rules/server-binding.js";
import { workdir } from "./rules/workdir.js";

/** Every Dockerfile rule, in code order: the one visible list. */
export const RULES: readonly DockerfileRule[] = [
  baseImage,
  workdir,
  requirementsFirst,
  pipNoCache,
  expose,
  execForm,
  serverBinding,
  multiStage,
];

export function ruleById(id: RuleId): DockerfileRule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no Dockerfile rule "${id}"`);
  return rule;
}
