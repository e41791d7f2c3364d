import { describe, expect, it } from "vitest";
import type { Finding } from "../src/grader/contract.js";
import { renderMessage } from "../src/i18n/catalog.js";
import type { HttpAnswer, HttpFailure, HttpOutcome } from "./kit/app/http-probe.js";
import { judgeAppMasked, judgeLive, judgeMask, judgeNamedVolume, type MountFacts } from "./volume/judge.js";
import { probeLine } from "./volume/probes.js";
import volume from "./volume.js";

function render(findings: Finding[]): string {
  const texts = findings.flatMap((f) =>
    (["en", "fr"] as const).map((lang) => renderMessage(volume.messages, f.messageId, lang, f.data)),
  );
  for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
  return texts.filter((_, i) => i % 2 === 0).join("\n");
}

const facts: MountFacts = {
  target: "/app/data/quotes.txt",
  method: "GET",
  path: "/quote",
  field: "quote",
  imageLines: new Set(["Simple is better than complex."]),
};
const served = (quote: string, status = 200, body = JSON.stringify({ quote })): HttpAnswer => ({
  ok: true,
  status,
  headers: {},
  body,
  truncated: false,
  durationMs: 2,
});
const reset: HttpFailure = { ok: false, kind: "reset", detail: "other side closed", durationMs: 1 };
const probe = "dockgrade probe 0a1b2c3d4e5f: mounted from the host";
const second = "dockgrade probe ffeeddccbbaa: mounted from the host";

describe("judgeMask", () => {
  it.each<[string, HttpOutcome, boolean, string, RegExp]>([
    [
      "the probe",
      served(probe),
      true,
      "maskServed",
      /served that line: the mount masks the copy baked into the image/,
    ],
    [
      "a line of the image's copy",
      served("Simple is better than complex."),
      false,
      "maskServedImageCopy",
      /but served "Simple is better than complex\.", a line of the copy baked into the image/,
    ],
    ["something else", served("Hello"), false, "maskNotServed", /but served "Hello"\. The app must read/],
    [
      "an error page",
      served("", 500, "Internal Server Error"),
      false,
      "maskNotServed",
      /but served 500 Internal Server Error/,
    ],
    ["nothing", reset, false, "maskNotServed", /but served no answer \(reset\)/],
  ])("serving %s", (_name, answer, passed, messageId, text) => {
    const judged = judgeMask(facts, probe, answer);
    expect([judged.id, judged.passed, judged.findings[0]?.messageId]).toEqual(["mask", passed, messageId]);
    expect(render(judged.findings)).toMatch(text);
  });
});

describe("judgeLive", () => {
  it.each<[string, HttpOutcome, boolean, string]>([
    ["the new line", served(second), true, "liveServed"],
    ["the old line", served(probe), false, "liveStale"],
    ["something else", served("Hello"), false, "liveNotServed"],
  ])("serving %s", (_name, answer, passed, messageId) => {
    const judged = judgeLive(facts, { first: probe, second }, answer);
    expect([judged.passed, judged.findings[0]?.messageId]).toEqual([passed, messageId]);
    render(judged.findings);
  });

  it("says that the app reads the file once, at start", () => {
    expect(render(judgeLive(facts, { first: probe, second }, served(probe)).findings)).toContain(
      `but still served the old line "${probe}": the app reads the file once, at start`,
    );
  });
});

describe("judgeNamedVolume", () => {
  it.each<[Parameters<typeof judgeNamedVolume>[2], boolean, string]>([
    [{ stage: "read", found: `${probe}\n` }, true, "volumeKept"],
    [
      { stage: "read", found: "(cat: /data/dockgrade-probe.txt: No such file or directory)" },
      false,
      "volumeLost",
    ],
    [{ stage: "write", output: "sh: not found; python3: not found" }, false, "volumeWriteFailed"],
    [{ stage: "first-container", exitCode: 3 }, false, "volumeContainerExited"],
    [{ stage: "second-container", exitCode: 1 }, false, "volumeContainerExited"],
  ])("%j", (trip, passed, messageId) => {
    const judged = judgeNamedVolume("/data", probe, trip);
    expect([judged.passed, judged.findings[0]?.messageId]).toEqual([passed, messageId]);
    render(judged.findings);
  });
});

describe("judgeAppMasked", () => {
  const listing = ["app.py", "data", "requirements.txt"];
  it.each<[string, Parameters<typeof judgeAppMasked>[1], boolean, string]>([
    [
      "exits",
      {
        baselineAnswered: true,
        baselineListing: listing,
        answered: false,
        exited: { exitCode: 3, error: "ModuleNotFoundError: No module named 'app'" },
        waitedSeconds: 1,
      },
      true,
      "appHidden",
    ],
    [
      "keeps running, silent, folder empty",
      { baselineAnswered: true, answered: false, listing: [], waitedSeconds: 8 },
      true,
      "appHiddenQuiet",
    ],
    ["still answers", { baselineAnswered: true, answered: true, waitedSeconds: 1 }, false, "appStillAnswers"],
    ["folder not empty", { answered: false, listing: ["app.py"], waitedSeconds: 8 }, false, "appDirNotEmpty"],
    [
      "never answered even unmasked",
      { baselineAnswered: false, answered: false, exited: { exitCode: 3 }, waitedSeconds: 1 },
      false,
      "appMaskNotJudged",
    ],
  ])("%s", (_name, run, passed, messageId) => {
    const judged = judgeAppMasked("/app", run);
    expect([judged.passed, judged.findings[0]?.messageId]).toEqual([passed, messageId]);
    render(judged.findings);
  });

  it("names what was hidden and the error it caused", () => {
    const judged = judgeAppMasked("/app", {
      baselineAnswered: true,
      baselineListing: listing,
      answered: false,
      exited: { exitCode: 3, error: "ModuleNotFoundError: No module named 'app'" },
      waitedSeconds: 1,
    });
    expect(render(judged.findings)).toBe(
      "With an empty folder mounted over /app, the code copied there at build time (app.py, data, requirements.txt) is hidden: the app no longer starts (exit code 3: ModuleNotFoundError: No module named 'app'). A mount masks whatever the image holds at its target.",
    );
  });
});

describe("probeLine", () => {
  it("is unique per call", () => {
    const lines = new Set(Array.from({ length: 50 }, () => probeLine()));
    expect(lines.size).toBe(50);
    expect([...lines][0]).toMatch(/^dockgrade probe [0-9a-f]{12}: mounted from the host$/);
  });
});
