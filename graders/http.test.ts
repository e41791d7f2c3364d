import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ImageUnavailableError } from "../src/docker/session.js";
import type { GraderResult } from "../src/grader/contract.js";
import { renderMessage } from "../src/i18n/catalog.js";
import { judgeAnswer, type RequestSpec } from "./http/expectations.js";
import http, { judgeRequests } from "./http.js";
import {
  argvText,
  diagnoseStart,
  pythonError,
  type StartObservation,
  wrongListeners,
} from "./kit/app/diagnose.js";
import type { HttpAnswer, HttpFailure } from "./kit/app/http-probe.js";
import { servedValue } from "./kit/app/json-field.js";
import { appListeners, type Listener, parseProcNetTcp } from "./kit/app/listeners.js";
import { startError } from "./kit/app/session-gate.js";
import { linesOf } from "./kit/app/text.js";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/http/${name}`, import.meta.url), "utf8");

/** Every finding rendered in both languages: an unknown id throws, a placeholder left unfilled shows. */
function render(result: Pick<GraderResult, "findings">): string {
  const texts = result.findings.flatMap((f) =>
    (["en", "fr"] as const).map((lang) => renderMessage(http.messages, f.messageId, lang, f.data)),
  );
  for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
  return texts.filter((_, i) => i % 2 === 0).join("\n");
}

const listener = (address: string, port: number): Listener => ({
  address,
  port,
  family: address.includes(":") ? 6 : 4,
  allInterfaces: address === "0.0.0.0" || address === "::",
  loopback: address.startsWith("127.") || address === "::1",
});

describe("parseProcNetTcp", () => {
  it.each([
    ["proc-net-tcp-ok.txt", ["0.0.0.0:5000"]],
    ["proc-net-tcp-bind-localhost.txt", ["127.0.0.1:5000"]],
    ["proc-net-tcp-port-8000.txt", ["0.0.0.0:8000"]],
    ["proc-net-tcp-v6.txt", ["[::]:5000"]],
  ])("reads the listening sockets of %s, without Docker's DNS", (file, expected) => {
    const parsed = parseProcNetTcp(fixture(file));
    expect(parsed.some((l) => l.address === "127.0.0.11")).toBe(true);
    const own = appListeners(parsed).map((l) =>
      l.family === 6 && l.address.includes(":") ? `[${l.address}]:${l.port}` : `${l.address}:${l.port}`,
    );
    expect(own).toEqual(expected);
  });

  it("decodes IPv6 words, IPv4-mapped addresses, and skips other states and noise", () => {
    const text = [
      "cat: /proc/net/tcp6: No such file or directory",
      "  sl  local_address                         remote_address                        st tx_queue",
      "   0: 00000000000000000000000001000000:1389 00000000000000000000000000000000:0000 0A 00000000:00000000",
      "   1: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000",
      "   2: 00000000:1388 0100007F:D2F0 01 00000000:00000000",
      "   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 0:0",
      "   4: 00000000:1388 00000000:0000 0A 00000000:00000000",
      "   5: 00000000:1388 00000000:0000 0A 00000000:00000000",
    ].join("\n");
    expect(parseProcNetTcp(text)).toEqual([
      { address: "::1", port: 5001, family: 6, allInterfaces: false, loopback: true },
      { address: "127.0.0.1", port: 8080, family: 6, allInterfaces: false, loopback: true },
      { address: "2001:db8::1", port: 80, family: 6, allInterfaces: false, loopback: false },
      { address: "0.0.0.0", port: 5000, family: 4, allInterfaces: true, loopback: false },
    ]);
  });
});

describe("wrongListeners", () => {
  it.each([
    [[listener("0.0.0.0", 5000), listener("127.0.0.1", 5000)], "right"],
    [[listener("::", 5000)], "right"],
    [[listener("127.0.0.1", 5000)], "loopback"],
    [[listener("::1", 5000), listener("0.0.0.0", 8000)], "loopback"],
    [[listener("127.0.0.1", 8000), listener("0.0.0.0", 8080)], "other-port"],
    [[], "none"],
  ])("%j -> %s", (listeners, kind) => {
    expect(wrongListeners(listeners, 5000).kind).toBe(kind);
  });

  it("names the ports listening on every interface first", () => {
    const verdict = wrongListeners([listener("127.0.0.1", 8000), listener("0.0.0.0", 8080)], 5000);
    expect(verdict).toMatchObject({ listeners: [{ port: 8080 }, { port: 8000 }] });
  });
});

describe("pythonError", () => {
  it("finds the exception and the frame of the app's own code", () => {
    expect(pythonError(fixture("crash-at-import.log").split("\n"))).toEqual({
      message: "RuntimeError: QUOTEGEN-CRASH-AT-IMPORT: settings.toml is missing, refusing to start",
      file: "/app/app.py",
      line: 10,
    });
  });

  it.each([
    [
      ["ModuleNotFoundError: No module named 'app'"],
      { message: "ModuleNotFoundError: No module named 'app'" },
    ],
    [["[INFO] Starting gunicorn", "nothing wrong"], undefined],
    [
      [
        "Traceback (most recent call last):",
        '  File "/usr/lib/python3/dist-packages/x.py", line 3, in f',
        "KeyError: 'PORT'",
      ],
      { message: "KeyError: 'PORT'" },
    ],
  ])("%j", (lines, expected) => {
    expect(pythonError(lines)).toEqual(expected);
  });
});

const seen = (over: Partial<StartObservation>): StartObservation => ({
  port: 5000,
  timeoutSeconds: 30,
  waitedSeconds: 30.4,
  running: true,
  exitCode: 0,
  oomKilled: false,
  command: "sleep infinity",
  logLines: [],
  listeners: { ok: true, listeners: [] },
  memoryMb: 512,
  ...over,
});

describe("diagnoseStart", () => {
  it("quotes the exit code, the error and the last log lines of a crash, and where it was raised", () => {
    const diagnosis = diagnoseStart(
      seen({
        running: false,
        exitCode: 3,
        ranSeconds: 0.47,
        logLines: fixture("crash-at-import.log").split("\n"),
      }),
      3,
    );
    expect(diagnosis.kind).toBe("exited");
    expect(diagnosis.raisedAt).toEqual({ path: "/app/app.py", line: 10 });
    expect(render(diagnosis)).toMatch(
      /stopped by itself 0\.5 s after starting, with exit code 3 \(RuntimeError: QUOTEGEN-CRASH-AT-IMPORT: .*\)\. Last lines of its logs:\n {4}.*Worker exiting \(pid: \d+\)\n {4}.*Shutting down: Master\n {4}.*Reason: Worker failed to boot\.\nRun it in the foreground/,
    );
  });

  it("says when the memory limit killed it", () => {
    const diagnosis = diagnoseStart(seen({ running: false, exitCode: 137, oomKilled: true, ranSeconds: 2 }));
    expect(diagnosis.kind).toBe("oom");
    expect(render(diagnosis)).toContain("for using more than its memory limit (512 MB), exit code 137");
  });

  it("explains a listener on the container's loopback", () => {
    const diagnosis = diagnoseStart(
      seen({ listeners: { ok: true, listeners: [listener("127.0.0.1", 5000)] } }),
    );
    expect(diagnosis.kind).toBe("loopback");
    expect(render(diagnosis)).toContain("the app listens on 127.0.0.1:5000, the container's own loopback");
  });

  it("names the other port, and notes Flask's development server from its logs", () => {
    const diagnosis = diagnoseStart(
      seen({
        listeners: { ok: true, listeners: [listener("0.0.0.0", 8000)] },
        logLines: fixture("flask-dev.log").split("\n"),
      }),
    );
    expect(diagnosis.kind).toBe("other-port");
    expect(diagnosis.findings.map((f) => f.messageId)).toEqual(["listensOtherPort", "devServerLog"]);
    expect(render(diagnosis)).toContain("the app listens on 8000 instead (0.0.0.0:8000)");
  });

  it("tells a listener that never answers from one that is not there", () => {
    const lastAttempt: HttpFailure = {
      ok: false,
      kind: "timeout",
      detail: "Headers Timeout Error",
      durationMs: 3000,
    };
    const listening = diagnoseStart(
      seen({ listeners: { ok: true, listeners: [listener("0.0.0.0", 5000)] }, lastAttempt }),
    );
    expect(listening.kind).toBe("no-answer");
    expect(render(listening)).toContain("(last attempt: timeout, Headers Timeout Error)");
    const silent = diagnoseStart(seen({ logLines: ["booting", ""] }));
    expect(silent.kind).toBe("never-listens");
    expect(render(silent)).toMatch(
      /^The app never answered on port 5000 within 30 s: the container still runs `sleep infinity`, but no process listens on any TCP port\. Last lines of its logs:\n {4}booting\n/,
    );
  });

  it("still diagnoses when the sockets cannot be read, and flags a fork loop at the PID limit", () => {
    const diagnosis = diagnoseStart(
      seen({
        listeners: { ok: false, reason: "exec failed" },
        processes: { count: 255, limit: 256 },
        command: "python bomb.py",
      }),
    );
    expect(diagnosis.findings.map((f) => f.messageId)).toEqual(["neverListensUnknown", "processLimit"]);
    expect(render(diagnosis)).toContain("The container holds 255 processes, its limit being 256");
    expect(diagnoseStart(seen({ processes: { count: 12, limit: 256 } })).findings).toHaveLength(1);
  });
});

const answer = (over: Partial<HttpAnswer> = {}): HttpAnswer => ({
  ok: true,
  status: 200,
  headers: { "content-type": "application/json", server: "gunicorn" },
  body: '{"quote":"Ship it, then measure it."}',
  truncated: false,
  durationMs: 3,
  ...over,
});
const quotes = {
  ok: true as const,
  lines: linesOf("Simple is better than complex.\n\n  Ship it, then measure it.  \n"),
};
const context = { linesOf: new Map([["data/quotes.txt", quotes]]), logs: "    Traceback..." };
const spec = (over: Partial<RequestSpec> = {}): RequestSpec => ({
  method: "GET",
  path: "/quote",
  status: 200,
  weight: 1,
  json: { field: "quote", type: "string", nonEmpty: true, oneOfLinesOf: "data/quotes.txt" },
  headers: { Server: "gunicorn" },
  ...over,
});

describe("judgeAnswer", () => {
  it("passes an answer that meets every expectation, showing the field", () => {
    const judged = judgeAnswer(spec(), answer(), context);
    expect(judged.passed).toBe(true);
    expect(render(judged)).toBe("GET /quote answered 200 as expected (quote: string, data/quotes.txt).");
  });

  it.each<[string, Partial<RequestSpec>, Partial<HttpAnswer>, string, RegExp]>([
    [
      "404",
      {},
      { status: 404, body: "<h1>Not Found</h1>" },
      "statusNotFound",
      /answered 404 \(not found\): the app has no such route/,
    ],
    [
      "500",
      {},
      { status: 500, body: "Internal Server Error" },
      "statusServerError",
      /answered 500: .*Last lines of its logs:\n {4}Traceback/,
    ],
    [
      "302",
      {},
      { status: 302, body: "" },
      "statusWrong",
      /should answer 200, but answered 302 \(\(empty\)\)/,
    ],
    [
      "body",
      { bodyRegex: "^\\[", json: undefined },
      {},
      "bodyMismatch",
      /the body should contain "\[", but it is: \{"quote"/,
    ],
    [
      "not JSON",
      {},
      { body: "Ship it", headers: { "content-type": "text/html", server: "gunicorn" } },
      "notJson",
      /Content-Type: text\/html\): Ship it/,
    ],
    [
      "no field",
      {},
      { body: '{"citation":"x"}' },
      "fieldMissing",
      /should hold the field "quote", but it holds: citation/,
    ],
    [
      "type",
      {},
      { body: '{"quote":["a"]}' },
      "fieldType",
      /should be of type string, but it is of type array \(\["a"\]\)/,
    ],
    ["empty", {}, { body: '{"quote":"  "}' }, "fieldEmpty", /should not be empty/],
    [
      "not a line",
      {},
      { body: '{"quote":"Hello"}' },
      "notALine",
      /one of the 2 lines of data\/quotes\.txt, but it is "Hello"/,
    ],
    [
      "no header",
      {},
      { headers: {} },
      "headerMissing",
      /the Server header should contain "gunicorn", but the answer has no Server header/,
    ],
    ["other server", {}, { headers: { server: "uvicorn" } }, "headerMismatch", /it is "uvicorn"\.$/],
    [
      "werkzeug",
      {},
      { headers: { server: "Werkzeug/2.2.2 Python/3.11.2" } },
      "devServerHeader",
      /Flask's development server \(Werkzeug\) answered instead of Gunicorn/,
    ],
  ])("fails on %s", (_name, specOver, answerOver, messageId, text) => {
    const judged = judgeAnswer(spec(specOver), answer(answerOver), context);
    expect(judged.passed).toBe(false);
    expect(judged.findings[0]?.messageId).toBe(messageId);
    expect(render(judged)).toMatch(text);
  });

  it("points a 500 at the student's line where the error its logs end with was raised", () => {
    const raised = { ...context, raisedAt: { file: "app.py", line: 14 } };
    const judged = judgeAnswer(spec(), answer({ status: 500, body: "Internal Server Error" }), raised);
    expect(judged.findings[0]).toMatchObject({ messageId: "statusServerError", file: "app.py", line: 14 });
    expect(judgeAnswer(spec(), answer({ status: 500 }), context).findings[0]).not.toHaveProperty("file");
  });

  it("fails when the lines to compare with cannot be read, and notes a dev server nobody asked about", () => {
    const unreadable = {
      linesOf: new Map([["data/quotes.txt", { ok: false as const, reason: "missing" }]]),
      logs: "",
    };
    expect(render(judgeAnswer(spec(), answer(), unreadable))).toContain(
      "data/quotes.txt could not be read in the submission (missing)",
    );
    const noted = judgeAnswer(
      spec({ headers: undefined }),
      answer({ headers: { server: "Werkzeug/3.0.3" } }),
      context,
    );
    expect(noted.passed).toBe(true);
    expect(noted.findings.map((f) => [f.messageId, f.severity])).toEqual([
      ["requestPassed", "ok"],
      ["devServerNoted", "info"],
    ]);
  });
});

describe("judgeRequests", () => {
  it("weights the requests that passed and reports those with no answer", () => {
    const failure: HttpFailure = { ok: false, kind: "reset", detail: "other side closed", durationMs: 2 };
    const result = judgeRequests(
      [spec({ weight: 3 }), spec({ path: "/", json: undefined, headers: undefined }), spec()],
      [answer(), answer({ status: 404 }), failure],
      context,
    );
    expect(result).toMatchObject({ status: "partial", credit: 3 / 5 });
    expect(result.details?.requests).toEqual([
      { method: "GET", path: "/quote", status: 200, passed: true },
      { method: "GET", path: "/", status: 404, passed: false },
      { method: "GET", path: "/quote", passed: false, error: "reset: other side closed" },
    ]);
    expect(render(result)).toContain(
      "GET /quote should answer, but got no answer once the app had started (reset: other side closed)",
    );
  });

  it("passes and fails whole", () => {
    expect(judgeRequests([spec()], [answer()], context)).toMatchObject({ status: "pass", credit: 1 });
    expect(judgeRequests([spec()], [answer({ status: 500 })], context)).toMatchObject({
      status: "fail",
      credit: 0,
    });
  });
});

describe("helpers", () => {
  it("reads the served value of a field or of the whole body", () => {
    expect(servedValue('{"quote":" a "}', "quote")).toBe("a");
    expect(servedValue('{"data":{"quote":"b"}}', "data.quote")).toBe("b");
    expect(servedValue('{"n":[1,2]}', "n")).toBe("[1,2]");
    expect(servedValue("plain text\n", "")).toBe("plain text");
    expect(servedValue("not json", "quote")).toBeUndefined();
  });

  it("tells a start refused because of the image from the harness's own failures", () => {
    const refused = startError(
      new Error(
        'container dockgrade-x-c1 could not start: OCI runtime create failed: exec: "gunicron": executable file not found in $PATH',
      ),
    );
    expect(refused).toMatchObject({ status: "fail", findings: [{ messageId: "startRefused" }] });
    expect(render(refused)).toContain(
      'Docker refused to start it: OCI runtime create failed: exec: "gunicron"',
    );
    expect(startError(new Error("connect ENOENT /var/run/docker.sock"))).toMatchObject({ status: "error" });
    const unbuilt = new ImageUnavailableError({
      ok: false,
      reason: "failed",
      message: "boom",
      lastLines: [],
      durationMs: 1,
    });
    expect(startError(unbuilt)).toMatchObject({
      status: "error",
      findings: [{ messageId: "imageUnavailable" }],
    });
  });

  it("quotes an argv only where a shell needs it", () => {
    expect(argvText(["/bin/sh", "-c", "gunicorn --bind 0.0.0.0:5000 app:app"])).toBe(
      "/bin/sh -c 'gunicorn --bind 0.0.0.0:5000 app:app'",
    );
    expect(argvText(["echo", "it's", ""])).toBe("echo 'it'\\''s' ''");
  });
});
