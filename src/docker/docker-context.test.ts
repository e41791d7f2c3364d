import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyDockerContext, dockerContextHost } from "./docker-context.js";

/** A fake home with a docker CLI configuration: a current context and its metadata. */
const home = mkdtempSync(path.join(os.tmpdir(), "dockgrade-context-home-"));
function addContext(name: string, host: string) {
  const dir = path.join(home, ".docker", "contexts", "meta", createHash("sha256").update(name).digest("hex"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "meta.json"),
    JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }),
  );
}
mkdirSync(path.join(home, ".docker"), { recursive: true });
writeFileSync(path.join(home, ".docker", "config.json"), JSON.stringify({ currentContext: "colima" }));
addContext("colima", "unix:///Users/me/.colima/default/docker.sock");
addContext("remote", "ssh://me@build-server");
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("dockerContextHost", () => {
  it.each([
    ["the current context of config.json", {}, "unix:///Users/me/.colima/default/docker.sock"],
    ["DOCKER_HOST wins, as with the CLI", { DOCKER_HOST: "unix:///run/docker.sock" }, undefined],
    ["DOCKER_CONTEXT picks another context", { DOCKER_CONTEXT: "default" }, undefined],
    ["an ssh context is left to the CLI", { DOCKER_CONTEXT: "remote" }, undefined],
    ["an unknown context", { DOCKER_CONTEXT: "nope" }, undefined],
  ])("%s", (_, env, expected) => {
    expect(dockerContextHost(env, home)).toBe(expected);
  });

  it("reads nothing when the CLI has no configuration", () => {
    expect(dockerContextHost({}, path.join(home, "nowhere"))).toBeUndefined();
  });
});

describe("applyDockerContext", () => {
  it("sets DOCKER_HOST from the context once, and says where it came from", () => {
    const env: NodeJS.ProcessEnv = {};
    const source = "the docker context in use (unix:///Users/me/.colima/default/docker.sock)";
    expect(applyDockerContext(env, home)).toBe(source);
    expect(env.DOCKER_HOST).toBe("unix:///Users/me/.colima/default/docker.sock");
    expect(applyDockerContext(env, home)).toBe(source);
  });

  it("names DOCKER_HOST when the user set it", () => {
    const env: NodeJS.ProcessEnv = { DOCKER_HOST: "unix:///x.sock" };
    expect(applyDockerContext(env, home)).toBe("DOCKER_HOST=unix:///x.sock");
    expect(applyDockerContext({}, path.join(home, "nowhere"))).toBeUndefined();
  });
});
