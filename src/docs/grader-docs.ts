import type { TSchema } from "@sinclair/typebox";
import { stringify } from "yaml";
import type { AnyGrader, GraderRegistry } from "../grader/contract.js";
import { PATTERN_KEYWORD } from "../text/pattern.js";

/**
 * docs/graders.md, generated from the registry so the reference never drifts from the code: each grader's
 * description, what it needs, its parameters (type, default, description) and an example check.
 */
export function graderReference(registry: GraderRegistry): string {
  const out = [
    "# Graders",
    "",
    "Generated from `graders/` by `npm run docs` — do not edit by hand. Each grader is one check kind a rubric",
    "step can use (`grader: <id>`); its `params` are validated against the schema below before anything runs,",
    "and missing parameters take the defaults shown.",
    "",
    ...[...registry.values()].map(
      (grader) => `- [\`${grader.id}\`](#${grader.id}) — ${grader.description.en}`,
    ),
  ];
  for (const grader of registry.values()) out.push("", ...section(grader));
  return `${out.join("\n")}\n`;
}

function section(grader: AnyGrader): string[] {
  const needs = grader.requires.includes("docker")
    ? "the repository and a Docker engine"
    : "the repository only";
  const lines = [
    `## ${grader.id}`,
    "",
    grader.description.en,
    "",
    `*${grader.description.fr}*`,
    "",
    `Needs: ${needs}.`,
    "",
    "| parameter | type | default | description |",
    "|---|---|---|---|",
  ];
  const properties = (grader.params as { properties?: Record<string, TSchema> }).properties ?? {};
  const required = new Set((grader.params as { required?: string[] }).required ?? []);
  for (const [name, schema] of Object.entries(properties)) {
    const fallback = required.has(name) ? "*(required)*" : "—";
    const defaultText = schema.default === undefined ? fallback : `\`${JSON.stringify(schema.default)}\``;
    lines.push(
      `| \`${name}\` | ${typeName(schema)} | ${cell(defaultText)} | ${cell(schema.description ?? "")} |`,
    );
  }
  const example = {
    id: `my-${grader.id}-check`,
    grader: grader.id,
    points: 2,
    params: grader.example ?? defaults(properties),
  };
  lines.push("", "```yaml", stringify([example]).trimEnd(), "```");
  return lines;
}

function typeName(schema: TSchema): string {
  if (schema.anyOf) return (schema.anyOf as TSchema[]).map(typeName).join(" \\| ");
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.type === "array") return `list of ${typeName(schema.items as TSchema)}`;
  // Rubric patterns are strings with one documented flavour (docs/rubric-guide.md, "Patterns").
  if (schema[PATTERN_KEYWORD] === "regex") return "[pattern](rubric-guide.md#patterns)";
  if (schema[PATTERN_KEYWORD] === "phrase")
    return "[phrase](rubric-guide.md#concept-phrases-report-section-quiz)";
  return String(schema.type ?? "any");
}

function defaults(properties: Record<string, TSchema>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, s]) => s.default !== undefined)
      .map(([k, s]) => [k, s.default]),
  );
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
