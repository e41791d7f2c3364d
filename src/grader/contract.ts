import type { Static, TSchema } from "@sinclair/typebox";
import type { DockerSession } from "../docker/session.js";
import type { MessageCatalog } from "../i18n/catalog.js";
import type { Bilingual, Lang, MessageData, Trace } from "../i18n/text.js";
import type { Assignment } from "../rubric/types.js";
import type { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";

/**
 * pass/partial/fail judge the student's work; `error` means the harness could not check (timeout, daemon
 * gone, grader crash); `skipped` means the check did not run (a dependency failed, a tool is missing).
 */
export type CheckStatus = "pass" | "partial" | "fail" | "skipped" | "error";

/** What a grader needs before it can run. The engine skips it, with the reason, when one is missing. */
export type Requirement = "repository" | "docker";

/** The ids of a message catalog: what a finding of a grader declared with it may name. */
export type MessageId<M extends MessageCatalog> = Extract<keyof M, string>;

/**
 * One observation of a grader, rendered from its message catalog in the report's language. `Id` is the
 * catalog's ids for a grader declared with `defineGrader`, so a mistyped id does not compile.
 */
export interface Finding<Id extends string = string> {
  messageId: Id;
  data?: MessageData;
  /** `ok` states what is right, `problem` what is wrong (and how to fix it), `info` context. */
  severity: "ok" | "problem" | "info";
  /** Stable rule code (for example `DF003`), documented in docs/codes.md (`graders/codes/`) to look it up. */
  code?: string;
  /** Repository-relative file and 1-based line, when the finding points at one. */
  file?: string;
  line?: number;
}

export interface GraderResult<Id extends string = string> {
  status: CheckStatus;
  /** Share of the check's points earned, 0..1. Defaults to 1 for pass and 0 otherwise. */
  credit?: number;
  findings: Finding<Id>[];
  details?: Record<string, unknown>;
}

/** The judged status a credit (0..1) stands for: pass at 1, fail at 0, partial between. */
export function creditStatus(credit: number): "pass" | "partial" | "fail" {
  return credit >= 1 ? "pass" : credit <= 0 ? "fail" : "partial";
}

/** Everything a grader may touch, handed in by the engine: no grader reaches for globals. */
export interface GraderContext {
  lang: Lang;
  submission: Submission;
  files: SubmissionFiles;
  assignment: Assignment;
  check: { id: string; points: number; timeoutMs: number };
  /** The per-submission Docker session; present only for graders that declare `docker`. */
  docker?: DockerSession;
  signal: AbortSignal;
  /** Progress lines for the terminal, in both languages (never part of the report). */
  log: Trace;
  /**
   * Waits for work another check is doing for this one (see sharedWork) without holding this check's
   * place among the checks running at once; absent outside the engine. `back: false`: the check goes on
   * without a place of its own (it only stops a container another check started).
   */
  idle?<R>(waiting: Promise<R>, options?: { back?: boolean }): Promise<R>;
}

export interface GraderDefinition<S extends TSchema = TSchema, M extends MessageCatalog = MessageCatalog> {
  id: string;
  description: Bilingual;
  /** JSON schema (TypeBox) of the check's `params`; defaults are filled before `run`. */
  params: S;
  requires: readonly Requirement[];
  messages: M;
  /** Example `params` for the documentation (docs/graders.md); defaults are shown when absent. */
  example?: Record<string, unknown>;
  /** Its findings may name only the ids of `messages` (checked at compile time). */
  run(ctx: GraderContext, params: Static<S>): Promise<GraderResult<NoInfer<MessageId<M>>>>;
}

/**
 * Declares a grader; the identity function gives `run` its typed parameters and ties its findings'
 * message ids to the `messages` it declares, so a typo in an id is a compile error.
 */
export function defineGrader<S extends TSchema, const M extends MessageCatalog>(
  definition: GraderDefinition<S, M>,
): GraderDefinition<S, M> {
  return definition;
}

/**
 * A grader of any parameters and messages, as the registry holds it. Spelt out rather than written
 * `GraderDefinition<any, MessageCatalog>`: the message ids make that type invariant in its catalog.
 */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds graders of every parameter type.
export interface AnyGrader extends Omit<GraderDefinition<any>, "run"> {
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  run(ctx: GraderContext, params: any): Promise<GraderResult>;
}
export type GraderRegistry = ReadonlyMap<string, AnyGrader>;
