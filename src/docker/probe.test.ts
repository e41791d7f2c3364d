import { describe, expect, it } from "vitest";
import { connectProblem, parseDockerHost } from "./probe.js";

describe("parseDockerHost", () => {
  it.each([
    [undefined, undefined],
    ["unix:///var/run/docker.sock", { kind: "unix", path: "/var/run/docker.sock" }],
    ["tcp://127.0.0.1:2376", { kind: "tcp", host: "127.0.0.1", port: 2376 }],
    ["tcp://docker", { kind: "tcp", host: "docker", port: 2375 }],
    ["ssh://me@host", { kind: "other" }],
  ])("%s", (raw, expected) => {
    const parsed = parseDockerHost(raw);
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject(expected);
  });
});

describe("connectProblem explains and says what to do", () => {
  const socket = { kind: "unix" as const, path: "/var/run/docker.sock", raw: "unix:///var/run/docker.sock" };
  it.each([
    ["ENOENT", /no Docker socket \/var\/run\/docker.sock: Docker is not installed or not started/],
    ["EACCES", /permission denied .* docker group/],
    ["ECONNREFUSED", /refuses connections: .*start the Docker daemon/],
    ["ETIMEDOUT", /does not answer/],
    ["EWHATEVER", /not reachable \(EWHATEVER\)/],
  ])("%s", (code, expected) => {
    expect(connectProblem(code, socket)).toMatch(expected);
  });

  it("names DOCKER_HOST when the endpoint came from it", () => {
    const endpoint = { kind: "unix" as const, path: "/nonexistent.sock", raw: "unix:///nonexistent.sock" };
    expect(connectProblem("ENOENT", endpoint, "DOCKER_HOST=unix:///nonexistent.sock")).toBe(
      "no Docker socket /nonexistent.sock (set by DOCKER_HOST=unix:///nonexistent.sock): Docker is not installed or not started",
    );
  });
});
