import { randomBytes } from "node:crypto";
import { ownerLabels } from "./lease.js";

/**
 * Every engine object dockgrade creates carries these labels, so a session can remove exactly what it made
 * and `dockgrade gc` can find what a crashed run left, without ever touching the user's own objects.
 */
export const LABEL = {
  run: "dockgrade.run",
  kind: "dockgrade.kind",
  created: "dockgrade.created",
} as const;

/** Session temporary folders are `<tmp>/dockgrade-session-<runId>-XXXXXX`. */
export const TEMP_PREFIX = "dockgrade-session-";

export type ResourceKind = "image" | "container" | "network" | "volume";

/**
 * A short id, unique enough for concurrent sessions: lowercase letters and digits only, so it can appear
 * in image references, container names and temporary folder names unchanged.
 */
export function newRunId(now: Date = new Date()): string {
  return `${now.getTime().toString(36)}${randomBytes(4).toString("hex")}`;
}

/** The labels of an object: its run, its kind, when it was made, and the process and machine that own it. */
export function resourceLabels(
  runId: string,
  kind: ResourceKind,
  now: Date = new Date(),
): Record<string, string> {
  return { [LABEL.run]: runId, [LABEL.kind]: kind, [LABEL.created]: now.toISOString(), ...ownerLabels() };
}

/** The engine's `label` filter: every object of one run, or every dockgrade object. */
export function runFilter(runId?: string): { label: string[] } {
  return { label: [runId ? `${LABEL.run}=${runId}` : LABEL.run] };
}

// Docker reference grammar: path components of lowercase alphanumerics joined by ".", "_", "__" or "-"s.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * The reference the harness builds under: `dockgrade/<runId>/<name>:<tag>`, never `<name>:<tag>` itself,
 * so a user's own `quotegen:latest` is never overwritten. Invalid parts fall back to safe ones.
 */
export function harnessReference(runId: string, name: string, tag: string): string {
  const parts = name.split("/").filter((part) => COMPONENT.test(part));
  const repo = ["dockgrade", runId, ...(parts.length > 0 ? parts : ["image"])].join("/");
  return `${repo}:${TAG.test(tag) ? tag : "latest"}`;
}
