import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graderFixtures } from "../src/grader/docker-test-context.js";
import imageConfig from "./image-config.js";

const { open, grade, text, close } = graderFixtures(imageConfig);

beforeAll(async () => {
  for (const name of ["ok", "shell-form-cmd", "port-8000", "build-error"]) await open(name);
}, 120_000);

afterAll(async () => {
  expect(await close()).toEqual([]);
}, 60_000);

describe("image-config on the real engine", () => {
  it("passes the course's image, noting root as information", async () => {
    const result = await grade("ok");
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(text(result)).toContain(
      "The image starts gunicorn listening on 0.0.0.0:5000 (gunicorn --bind 0.0.0.0:5000 app:app).",
    );
    expect(result.findings.at(-1)).toMatchObject({ messageId: "user.rootInfo", severity: "info" });
  }, 120_000);

  it("fails the non-root requirement when asked for it", async () => {
    const result = await grade("ok", { requireNonRoot: true, checks: ["user"] });
    expect(result).toMatchObject({ status: "fail", credit: 0, findings: [{ messageId: "user.root" }] });
  }, 120_000);

  it("fails a shell-form CMD on exec form only, with the PID 1 explanation", async () => {
    const result = await grade("shell-form-cmd");
    expect(result).toMatchObject({ status: "partial", credit: 0.75 });
    expect(result.details?.checks).toMatchObject({ server: "pass", "exec-form": "fail" });
    expect(text(result)).toMatch(/shell form \(\/bin\/sh -c gunicorn .*\): .*PID 1.*exit code 137/);
  }, 120_000);

  it("fails port 8000 on EXPOSE and on the server's address", async () => {
    const result = await grade("port-8000");
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
    expect(result.findings.filter((f) => f.severity === "problem").map((f) => f.messageId)).toEqual([
      "expose.missing",
      "server.wrongPort",
    ]);
    expect(text(result)).toContain("Config.ExposedPorts holds 8000/tcp");
  }, 120_000);

  it("is skipped when the student's build fails", async () => {
    const result = await grade("build-error");
    expect(result).toMatchObject({ status: "skipped", findings: [{ messageId: "imageNotBuilt" }] });
    expect(text(result)).toContain("The image could not be built (");
    expect(text(result)).not.toContain("(failed: ");
  }, 120_000);
});
