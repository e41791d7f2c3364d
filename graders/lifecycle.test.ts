import { describe, expect, it } from "vitest";
import type { StopResult } from "../src/docker/session.js";
import type { Finding } from "../src/grader/contract.js";
import { renderMessage } from "../src/i18n/catalog.js";
import { scoreParts } from "./kit/app/score-parts.js";
import { judgeExited, judgePorts, judgeRemoved, judgeStop, type StopFacts } from "./lifecycle/judge.js";
import lifecycle from "./lifecycle.js";

function render(findings: Finding[]): string {
  const texts = findings.flatMap((f) =>
    (["en", "fr"] as const).map((lang) => renderMessage(lifecycle.messages, f.messageId, lang, f.data)),
  );
  for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
  return texts.filter((_, i) => i % 2 === 0).join("\n");
}

const stopped = (over: Partial<StopResult>): StopResult => ({
  exitCode: 0,
  durationMs: 400,
  measuredBy: "engine",
  alreadyStopped: false,
  oomKilled: false,
  ...over,
});
const facts = (
  stop: Partial<StopResult>,
  pid1: string[] = ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"],
): StopFacts => ({
  stop: stopped(stop),
  pid1,
  graceSeconds: 10,
  maxStopSeconds: 5,
  acceptedExitCodes: [0, 143],
  logs: "    [INFO] Shutting down: Master",
  memoryMb: 512,
});

describe("judgeStop", () => {
  it.each<[string, Partial<StopResult>, string[] | undefined, boolean, string]>([
    ["Gunicorn exits 0 at once", {}, undefined, true, "stopClean"],
    [
      "an init reports 143",
      { exitCode: 143, durationMs: 200 },
      ["tini", "--", "python", "app.py"],
      true,
      "stopClean",
    ],
    ["a clean but slow stop", { durationMs: 7000 }, undefined, false, "stopSlow"],
    [
      "shell form, killed after the grace period",
      { exitCode: 137, durationMs: 10_200 },
      ["/bin/sh", "-c", "gunicorn --bind 0.0.0.0:5000 app:app"],
      false,
      "stopShellForm",
    ],
    [
      "a shell script that execs the server",
      { exitCode: 0 },
      ["/bin/sh", "-c", "exec gunicorn app:app"],
      true,
      "stopClean",
    ],
    [
      "python app.py as PID 1",
      { exitCode: 137, durationMs: 10_100 },
      ["python", "app.py"],
      false,
      "stopIgnoredPython",
    ],
    ["sleep as PID 1", { exitCode: 137, durationMs: 10_050 }, ["sleep", "infinity"], false, "stopIgnored"],
    ["an error while shutting down", { exitCode: 1, durationMs: 300 }, undefined, false, "stopBadExit"],
    ["killed early by something else", { exitCode: 137, durationMs: 300 }, undefined, false, "stopBadExit"],
    ["already exited", { exitCode: 3, alreadyStopped: true }, undefined, false, "stopAlreadyExited"],
    ["out of memory", { exitCode: 137, oomKilled: true }, undefined, false, "stopOom"],
  ])("%s", (_name, stop, pid1, passed, messageId) => {
    const judged = judgeStop(facts(stop, pid1));
    expect(judged).toMatchObject({ id: "stop", passed });
    expect(judged.findings.map((f) => [f.messageId, f.severity])).toEqual([
      [messageId, passed ? "ok" : "problem"],
    ]);
    render(judged.findings);
  });

  it("explains PID 1 and gives the exec form of the student's own command", () => {
    const judged = judgeStop(
      facts({ exitCode: 137, durationMs: 10_100 }, ["/bin/sh", "-c", "gunicorn -b 0.0.0.0:5000 app:app"]),
    );
    const text = render(judged.findings);
    expect(text).toContain(
      "PID 1 is `/bin/sh -c 'gunicorn -b 0.0.0.0:5000 app:app'`: CMD is written in shell form",
    );
    expect(text).toContain('CMD ["gunicorn", "-b", "0.0.0.0:5000", "app:app"]');
  });
});

describe("judgePorts", () => {
  const published = { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "49153" }] };
  it("passes a published, exposed port", () => {
    const judged = judgePorts(published, ["5000/tcp"], 5000);
    expect(judged.passed).toBe(true);
    expect(render(judged.findings)).toBe(
      "`docker inspect` shows port 5000/tcp published on 127.0.0.1:49153, and the image declares EXPOSE 5000.",
    );
  });

  it.each<[string, Parameters<typeof judgePorts>, string]>([
    ["not exposed", [published, ["8000/tcp"], 5000], "portNotExposed"],
    ["nothing exposed", [published, [], 5000], "portNotExposed"],
    ["not published", [{ "5000/tcp": null }, ["5000/tcp"], 5000], "portNotPublished"],
    ["exited", [{}, ["5000/tcp"], 5000, 3], "portNotRunning"],
  ])("fails when %s", (_name, args, messageId) => {
    const judged = judgePorts(...args);
    expect(judged.passed).toBe(false);
    expect(judged.findings[0]?.messageId).toBe(messageId);
    render(judged.findings);
  });
});

describe("judgeExited and judgeRemoved", () => {
  it.each<[Parameters<typeof judgeExited>[0], boolean, string]>([
    [{ Status: "exited", Running: false, ExitCode: 0 }, true, "staysExited"],
    [{ Status: "restarting", Running: true, ExitCode: 0 }, false, "notExited"],
    [undefined, false, "vanishedAfterStop"],
  ])("%j", (state, passed, messageId) => {
    const judged = judgeExited(state);
    expect([judged.passed, judged.findings[0]?.messageId]).toEqual([passed, messageId]);
    render(judged.findings);
  });

  it.each<[Parameters<typeof judgeRemoved>[0], boolean, string]>([
    [{ stillThere: false }, true, "removed"],
    [{ stillThere: true }, false, "stillThere"],
    [{ error: "conflict", stillThere: true }, false, "removeFailed"],
  ])("%j", (removal, passed, messageId) => {
    const judged = judgeRemoved(removal);
    expect([judged.passed, judged.findings[0]?.messageId]).toEqual([passed, messageId]);
    render(judged.findings);
  });
});

describe("scoreParts", () => {
  const part = (id: string, passed: boolean) => ({ id, passed, findings: [] });
  it("weights the parts and ignores those of weight 0", () => {
    const weights = { stop: 2, exited: 1, ports: 1, remove: 0 };
    expect(
      scoreParts(
        [part("stop", false), part("exited", true), part("ports", true), part("remove", false)],
        weights,
      ),
    ).toMatchObject({
      status: "partial",
      credit: 0.5,
      details: { parts: { stop: false, exited: true, ports: true, remove: false } },
    });
    expect(scoreParts([part("stop", true), part("remove", false)], weights)).toMatchObject({
      status: "pass",
      credit: 1,
    });
    expect(scoreParts([part("stop", false)], weights)).toMatchObject({ status: "fail", credit: 0 });
  });
});
