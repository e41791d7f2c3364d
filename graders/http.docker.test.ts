import { afterAll, describe, expect, it } from "vitest";
import { rendered } from "../src/grader/test-context.js";
import http from "./http.js";
import { FixtureSessions } from "./kit/app/test-sessions.js";

const sessions = new FixtureSessions();
afterAll(async () => {
  expect(await sessions.closeAll()).toEqual([]);
});

const quoteRequest = {
  path: "/quote",
  json: { field: "quote", type: "string", nonEmpty: true, oneOfLinesOf: "data/quotes.txt" },
  headers: { server: "gunicorn" },
};
const params = (extra: Record<string, unknown> = {}) => ({ requests: [quoteRequest], ...extra });

describe("the http grader on the real engine", () => {
  it.each(["ok", "entrypoint-split", "submissions-example/complete"])("passes %s", async (fixture) => {
    const result = await sessions.run(http, fixture, params());
    expect(result.status, rendered(http, result)).toBe("pass");
    expect(result.credit).toBe(1);
    expect(rendered(http, result)).toMatch(
      /^The container answered on port 5000 [\d.]+ s after starting\.\nGET \/quote answered 200 as expected \(quote: string, data\/quotes\.txt\)\.$/,
    );
  });

  it("gives partial credit per request", async () => {
    const result = await sessions.run(http, "ok", {
      requests: [quoteRequest, { path: "/", status: 200 }, { path: "/quote", bodyRegex: "^\\{", weight: 2 }],
    });
    expect(result.status).toBe("partial");
    expect(result.credit).toBeCloseTo(3 / 4);
    expect(rendered(http, result)).toContain(
      "GET / should answer 200, but answered 404 (not found): the app has no such route.",
    );
  });

  it("fails an app that raises while answering, quoting the traceback it logged as it answered", async () => {
    const result = await sessions.run(http, "raises-on-quote", params());
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    const text = rendered(http, result);
    expect(text).toContain("GET /quote should answer 200, but answered 500");
    // Written to the log just before the 500 answer, copied by the engine just after it.
    expect(text).toMatch(/File "\/app\/app\.py", line \d+, in quote/);
    expect(text).toContain("TypeError: list indices must be integers or slices, not str");
    // The finding points at the line of app.py that raised it (/app/app.py in the container).
    const error = result.findings.find((f) => f.messageId === "statusServerError");
    expect(error).toMatchObject({ file: "app.py", line: 14 });
  });

  it("fails an app that listens on 127.0.0.1 inside the container, saying so", async () => {
    const started = Date.now();
    const result = await sessions.run(http, "bind-localhost", params());
    expect(result).toMatchObject({ status: "fail", credit: 0, details: { startFailure: "loopback" } });
    expect(rendered(http, result)).toContain(
      "Nothing answered on port 5000: inside the container the app listens on 127.0.0.1:5000, the container's own loopback",
    );
    expect(rendered(http, result)).toContain("--bind 0.0.0.0:5000");
    // The wrong listener ends the wait early, long before the 15 s start timeout.
    expect(Date.now() - started).toBeLessThan(12_000);
  });

  it("fails an app that listens on port 8000, naming the port", async () => {
    const result = await sessions.run(http, "port-8000", params());
    expect(result).toMatchObject({ status: "fail", credit: 0, details: { startFailure: "other-port" } });
    expect(rendered(http, result)).toContain(
      "Nothing answered on port 5000: the app listens on 8000 instead (0.0.0.0:8000)",
    );
  });

  it("fails Flask's development server on the Server header", async () => {
    const result = await sessions.run(http, "flask-dev", params());
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    expect(result.findings.map((f) => f.messageId)).toEqual(["started", "devServerHeader"]);
    expect(rendered(http, result)).toMatch(
      /the server header should contain "gunicorn", but it is "Werkzeug\/[\d.]+ Python\/[\d.]+": Flask's development server \(Werkzeug\) answered instead of Gunicorn/,
    );
  });

  it("fails an app that crashes at import with its exit code, its error and its last log lines", async () => {
    const result = await sessions.run(http, "crash-at-import", params());
    expect(result).toMatchObject({ status: "fail", credit: 0, details: { startFailure: "exited" } });
    const text = rendered(http, result);
    expect(text).toMatch(
      /it stopped by itself [\d.]+ s after starting, with exit code 3 \(RuntimeError: QUOTEGEN-CRASH-AT-IMPORT: settings\.toml is missing, refusing to start\)/,
    );
    expect(text).toContain("    [INFO] Reason: Worker failed to boot.".slice(4).trim());
    expect(result.findings[0]).toMatchObject({ file: "app.py", line: 10 });
  });

  it("fails an app that never listens, saying for how long and what it runs", async () => {
    const started = Date.now();
    const result = await sessions.run(http, "never-listens", params({ startTimeout: 4 }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ status: "fail", credit: 0, details: { startFailure: "never-listens" } });
    expect(rendered(http, result)).toMatch(
      /^The app never answered on port 5000 within 4 s: the container still runs `sleep infinity`, but no process listens on any TCP port\. Last lines of its logs:\n {4}\(no output\)/,
    );
  });

  it("fails a log flood within its timeout, with its logs capped and the harness's memory bounded", async () => {
    await sessions.context("log-flood");
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const result = await sessions.run(http, "log-flood", params({ startTimeout: 4, logLines: 5 }));
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(result).toMatchObject({
      status: "fail",
      details: { startFailure: "never-listens", logBytes: expect.any(Number) },
    });
    expect(result.details?.logBytes).toBeLessThanOrEqual(16 * 1024);
    const text = rendered(http, result);
    expect(text).toContain("the container still runs `yes 'flood flood flood'`");
    expect(text).toContain("    flood flood flood");
    expect(text.length).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it("fails a fork bomb with a clear message while the harness stays alive, then grades the next submission", async () => {
    const started = Date.now();
    const result = await sessions.run(http, "fork-bomb", params({ startTimeout: 4 }));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ status: "fail", details: { startFailure: "never-listens" } });
    const text = rendered(http, result);
    expect(text).toContain(
      "The app never answered on port 5000 within 4 s: the container still runs `python bomb.py`",
    );
    expect(text).toMatch(
      /The container holds \d+ processes, its limit being 256: a process keeps creating others/,
    );
    const next = await sessions.run(http, "ok", params());
    expect(next.status).toBe("pass");
  });
});
