import { describe, expect, it } from "vitest";
import {
  displayName,
  formatCommitDate,
  formatDate,
  formatNumber,
  formatPercent,
  shortStepTitle,
} from "./dashboard-format.js";
import type { SubmissionRow } from "./types.js";

describe("formatNumber", () => {
  it.each([
    [12, "fr", "12"],
    [12.5, "fr", "12,5"],
    [12.5, "en", "12.5"],
    [73.2456, "en", "73.25"],
    [0, "fr", "0"],
  ] as const)("%d in %s -> %s", (value, lang, expected) => {
    expect(formatNumber(value, lang)).toBe(expected);
  });
});

describe("formatPercent", () => {
  it.each([
    [0.834, "fr", "83\u202f%"],
    [0.834, "en", "83%"],
    [1, "en", "100%"],
  ] as const)("%d in %s -> %s", (value, lang, expected) => {
    expect(formatPercent(value, lang)).toBe(expected);
  });
});

describe("formatDate", () => {
  it.each([
    ["2025-03-14T09:30:00.000Z", "fr", "14 mars 2025 à 09:30 UTC"],
    ["2025-03-14T09:30:00.000Z", "en", "14 March 2025 at 09:30 UTC"],
    ["2025-03-14T23:30:00-02:00", "en", "15 March 2025 at 01:30 UTC"],
    ["not a date", "en", "not a date"],
  ] as const)("%s in %s", (iso, lang, expected) => {
    expect(formatDate(iso, lang)).toBe(expected);
  });
});

describe("formatCommitDate", () => {
  it.each([
    ["2025-03-10T19:42:00+01:00", "2025-03-10 18:42"],
    ["2025-03-10T18:42:59Z", "2025-03-10 18:42"],
    ["yesterday", "yesterday"],
  ])("%s -> %s", (iso, expected) => {
    expect(formatCommitDate(iso)).toBe(expected);
  });
});

describe("displayName", () => {
  const row = (columns: Record<string, string>): SubmissionRow => ({
    id: "e1",
    columns,
    status: "graded",
    maxScore: 20,
    steps: {},
    notPassed: [],
    harnessErrors: [],
  });
  it.each([
    [["identifier", "name"], { identifier: "e1", name: "Léa Robert" }, "Léa Robert"],
    [["identifiant", "Nom"], { identifiant: "x9", Nom: "Hugo Thomas" }, "Hugo Thomas"],
    [["identifier", "name"], { identifier: "e1", name: "  " }, "e1"],
    [["source"], { source: "https://example.org/repo" }, "https://example.org/repo"],
    [["identifier"], {}, "e1"],
  ])("%j %j -> %s", (columns, values, expected) => {
    expect(displayName(row(values), columns)).toBe(expected);
  });
});

describe("shortStepTitle", () => {
  it.each([
    ["Étape 2 — Dockerfile et image", "Étape 2"],
    ["Step 4 – Volumes and masking", "Step 4"],
    ["Etape 6: Mini-quiz", "Etape 6"],
    ["Étape 6 : Mini-quiz", "Étape 6"],
    ["Ré-utiliser les couches", "Ré-utiliser les couches"],
    ["Partie 3 - Réseau", "Partie 3"],
    ["Volumes", "Volumes"],
    ["A very long first part that is no label — rest", "A very long first part that is no label — rest"],
    ["Mini-quiz", "Mini-quiz"],
  ])("%s -> %s", (title, expected) => {
    expect(shortStepTitle(title)).toBe(expected);
  });
});
