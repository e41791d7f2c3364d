import { type Static, Type as T } from "@sinclair/typebox";
import type { Finding } from "../../src/grader/contract.js";
import { matchesPattern, PatternString } from "../../src/text/pattern.js";
import { patternInWords } from "../../src/text/pattern-words.js";
import type { HttpAnswer } from "../kit/app/http-probe.js";
import { fieldAt, isEmpty, isObject, parseJson, typeName } from "../kit/app/json-field.js";
import { excerpt } from "../kit/app/text.js";
import type { HttpMessageId } from "./messages.js";

export const JsonExpectationSchema = T.Object(
  {
    field: T.String({ minLength: 1, description: "Field of the JSON answer (dotted path: `data.quote`)." }),
    type: T.Union(
      ["any", "string", "number", "boolean", "object", "array", "null"].map((name) => T.Literal(name)),
      { default: "any", description: "JSON type the field must have." },
    ),
    nonEmpty: T.Boolean({
      default: false,
      description: "The field must not be empty (string, array, object).",
    }),
    oneOfLinesOf: T.Optional(
      T.String({
        minLength: 1,
        description:
          "A file of the submission (relative to its root): the field must equal one of its non-blank lines, trimmed.",
      }),
    ),
  },
  { additionalProperties: false },
);

export const RequestSchema = T.Object(
  {
    method: T.Union(
      ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].map((name) => T.Literal(name)),
      { default: "GET", description: "HTTP method." },
    ),
    path: T.String({
      pattern: "^/",
      default: "/quote",
      description: "Path requested on the container's port.",
    }),
    status: T.Integer({ minimum: 100, maximum: 599, default: 200, description: "Expected status." }),
    bodyRegex: T.Optional(PatternString({ description: "Pattern the body must match." })),
    json: T.Optional(JsonExpectationSchema),
    headers: T.Optional(
      T.Record(T.String(), PatternString(), {
        description: "Header name -> pattern its value must match, e.g. `server: gunicorn`.",
      }),
    ),
    weight: T.Number({ minimum: 0, default: 1, description: "Share of the check's points." }),
  },
  { additionalProperties: false },
);

export type RequestSpec = Static<typeof RequestSchema>;

/** The lines of a file named by `oneOfLinesOf`, read from the submission by the caller. */
export type LinesOf = { ok: true; lines: Set<string> } | { ok: false; reason: string };

export interface JudgeContext {
  linesOf: ReadonlyMap<string, LinesOf>;
  /** The container's last log lines, formatted, quoted when the app answers 5xx. */
  logs: string;
  /** Where in the submission the error its logs end with was raised (a 5xx finding points there). */
  raisedAt?: { file: string; line: number };
}

const WERKZEUG = /werkzeug/i;

/** Whether one answer meets one request's expectations; the findings say what matched and what did not. */
export function judgeAnswer(
  spec: RequestSpec,
  answer: HttpAnswer,
  context: JudgeContext,
): { passed: boolean; findings: Finding<HttpMessageId>[] } {
  const base = { method: spec.method, path: spec.path };
  const problems: Finding<HttpMessageId>[] = [];
  const infos: Finding<HttpMessageId>[] = [];
  const problem = (messageId: HttpMessageId, data: Record<string, string | number> = {}) =>
    problems.push({ messageId, severity: "problem", data: { ...base, ...data } });

  if (answer.status !== spec.status) {
    const data = { expected: spec.status, found: answer.status, body: excerpt(answer.body) };
    if (answer.status === 404) problem("statusNotFound", data);
    else if (answer.status >= 500)
      problems.push({
        messageId: "statusServerError",
        severity: "problem",
        data: { ...base, ...data, logs: context.logs },
        ...context.raisedAt,
      });
    else problem("statusWrong", data);
    return { passed: false, findings: problems };
  }
  if (spec.bodyRegex !== undefined && !matchesPattern(spec.bodyRegex, answer.body))
    problem("bodyMismatch", { expected: patternInWords(spec.bodyRegex), body: excerpt(answer.body) });
  if (spec.json) judgeJson(spec.json, answer, context, problem);
  for (const [name, pattern] of Object.entries(spec.headers ?? {})) {
    const found = answer.headers[name.toLowerCase()];
    if (found === undefined) problem("headerMissing", { header: name, expected: patternInWords(pattern) });
    else if (!matchesPattern(pattern, found))
      problem(
        name.toLowerCase() === "server" && WERKZEUG.test(found) ? "devServerHeader" : "headerMismatch",
        {
          header: name,
          expected: patternInWords(pattern),
          found,
        },
      );
  }
  const server = answer.headers.server ?? "";
  const serverChecked = Object.keys(spec.headers ?? {}).some((name) => name.toLowerCase() === "server");
  if (!serverChecked && WERKZEUG.test(server))
    infos.push({ messageId: "devServerNoted", severity: "info", data: { ...base, found: server } });
  if (problems.length > 0) return { passed: false, findings: [...problems, ...infos] };
  const parsed = spec.json ? parseJson(answer.body) : undefined;
  const shown = spec.json && parsed?.ok ? fieldAt(parsed.value, spec.json.field) : undefined;
  // The value itself is left out: an app that serves a random quote must grade the same twice.
  const from = spec.json?.oneOfLinesOf ? `, ${spec.json.oneOfLinesOf}` : "";
  const detail = shown?.found ? ` (${spec.json?.field}: ${jsonType(shown.value)}${from})` : "";
  return {
    passed: true,
    findings: [
      { messageId: "requestPassed", severity: "ok", data: { ...base, status: answer.status, detail } },
      ...infos,
    ],
  };
}

type Report = (messageId: HttpMessageId, data?: Record<string, string | number>) => void;

function judgeJson(
  spec: NonNullable<RequestSpec["json"]>,
  answer: HttpAnswer,
  context: JudgeContext,
  problem: Report,
): void {
  const parsed = parseJson(answer.body);
  if (!parsed.ok) {
    problem("notJson", { contentType: answer.headers["content-type"] ?? "none", body: excerpt(answer.body) });
    return;
  }
  const field = spec.field;
  const at = fieldAt(parsed.value, field);
  if (!at.found) {
    const keys = isObject(parsed.value)
      ? Object.keys(parsed.value).join(", ") || "no field"
      : typeName(parsed.value);
    problem("fieldMissing", { field, keys });
    return;
  }
  const value = at.value;
  const found = typeName(value);
  if (spec.type !== "any" && found !== spec.type) {
    problem("fieldType", { field, expected: spec.type, found, value: excerpt(JSON.stringify(value), 80) });
    return;
  }
  if (spec.nonEmpty && isEmpty(value)) {
    problem("fieldEmpty", { field });
    return;
  }
  if (spec.oneOfLinesOf === undefined) return;
  const file = spec.oneOfLinesOf;
  const lines = context.linesOf.get(file);
  if (!lines?.ok) problem("linesUnreadable", { field, file, reason: lines?.reason ?? "missing" });
  else if (typeof value !== "string" || !lines.lines.has(value.trim()))
    problem("notALine", { field, file, value: excerpt(String(value), 120), count: lines.lines.size });
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
