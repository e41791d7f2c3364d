import { afterAll, describe, expect, it } from "vitest";
import { rendered } from "../src/grader/test-context.js";
import http from "./http.js";
import { FixtureSessions } from "./kit/app/test-sessions.js";
import lifecycle from "./lifecycle.js";

const sessions = new FixtureSessions();
afterAll(async () => {
  expect(await sessions.closeAll()).toEqual([]);
});

// A short grace period keeps the failing cases fast; a clean stop takes well under a second anyway.
const params = { graceSeconds: 3, maxStopSeconds: 2 };

describe("the lifecycle grader on the real engine", () => {
  it.each(["ok", "entrypoint-split", "submissions-example/complete"])(
    "passes %s: clean stop, exited, port shown, removed",
    async (fixture) => {
      const result = await sessions.run(lifecycle, fixture, params);
      expect(result.status, rendered(lifecycle, result)).toBe("pass");
      expect(result).toMatchObject({
        credit: 1,
        details: { parts: { stop: true, exited: true, ports: true, remove: true } },
      });
      const text = rendered(lifecycle, result);
      expect(text).toMatch(
        /^`docker stop` ended the container [01]\.\d s after its SIGTERM, with exit code 0: PID 1 \(`gunicorn --bind 0\.0\.0\.0:5000 app:app`\) handled SIGTERM\./,
      );
      expect(text).toContain(
        "After `docker stop` the container is still there, in state exited (exit code 0)",
      );
      expect(text).toMatch(
        /`docker inspect` shows port 5000\/tcp published on 127\.0\.0\.1:\d+, and the image declares EXPOSE 5000\./,
      );
      expect(text).toContain("`docker rm` removed the stopped container");
    },
  );

  it.each(["other-route", "bind-localhost"])(
    "judges the stop of %s, a container that starts but does not answer /quote",
    async (fixture) => {
      const result = await sessions.run(lifecycle, fixture, {
        ...params,
        weights: { stop: 2, exited: 1, ports: 0, remove: 1 },
      });
      expect(result.status, rendered(lifecycle, result)).toBe("pass");
      expect(rendered(lifecycle, result)).toMatch(
        /`docker stop` ended the container [01]\.\d s after its SIGTERM, with exit code 0/,
      );
    },
  );

  it("stops the container an http check started the same way, once that check has its answers", async () => {
    // One session object for both checks, counting the containers it starts.
    const { run, started } = await sessions.counted("ok");
    const [answered, stopped] = await Promise.all([
      run(http, { requests: [{ path: "/quote", status: 200 }] }),
      run(lifecycle, params),
    ]);
    expect(answered.status, rendered(http, answered)).toBe("pass");
    expect(stopped.status, rendered(lifecycle, stopped)).toBe("pass");
    expect(started).toHaveLength(1);
    // Started alone, it starts its own.
    expect((await run(lifecycle, params)).status).toBe("pass");
    expect(started).toHaveLength(2);
  });

  it("is skipped, not failed, when the container exits by itself before the stop", async () => {
    const result = await sessions.run(lifecycle, "crash-at-import", params);
    expect(result.status).toBe("skipped");
    expect(result.findings.map((f) => f.messageId)).toEqual(["exitedBeforeStop"]);
    expect(rendered(lifecycle, result)).toContain("exited by itself (exit code 3)");
  });

  it("fails a shell-form CMD on the stop, explaining PID 1 and the exec form, and scores the rest", async () => {
    const started = Date.now();
    const result = await sessions.run(lifecycle, "shell-form-cmd", params);
    expect(result).toMatchObject({
      status: "partial",
      details: { parts: { stop: false, exited: true, ports: true, remove: true } },
    });
    expect(result.credit).toBeCloseTo(3 / 5);
    expect(result.findings[0]).toMatchObject({ messageId: "stopShellForm", severity: "problem" });
    expect(rendered(lifecycle, result)).toContain(
      "it waited the whole grace period (3 s), then killed it (exit code 137). PID 1 is `/bin/sh -c 'gunicorn --bind 0.0.0.0:5000 app:app'`: CMD is written in shell form",
    );
    expect(rendered(lifecycle, result)).toContain('CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("fails the stop of Flask's development server, which ignores SIGTERM as PID 1", async () => {
    const result = await sessions.run(lifecycle, "flask-dev", params);
    expect(result.findings[0]).toMatchObject({
      messageId: "stopIgnoredPython",
      data: { exitCode: 137, pid1: "python app.py" },
    });
    expect(result.status).toBe("partial");
  });

  it("fails the port part of an image that exposes another port", async () => {
    const result = await sessions.run(lifecycle, "port-8000", { ...params, startTimeout: 3 });
    expect(result).toMatchObject({ details: { parts: { stop: true, ports: false } } });
    expect(rendered(lifecycle, result)).toContain(
      "but the image should declare `EXPOSE 5000` and declares 8000/tcp",
    );
  });
});
