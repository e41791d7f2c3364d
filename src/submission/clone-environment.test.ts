import { describe, expect, it } from "vitest";
import { cloneEnvironment, tokenApplies } from "./clone-environment.js";

describe("tokenApplies", () => {
  it.each([
    ["https://github.com/a/b", undefined, true],
    ["https://GitHub.com/a/b", undefined, true],
    ["http://github.com/a/b", undefined, true],
    ["https://gitlab.com/a/b", undefined, false],
    ["https://github.com.evil.example/a", undefined, false],
    ["ssh://git@github.com/a/b", undefined, false],
    ["git@github.com:a/b", undefined, false],
    ["git://github.com/a/b", undefined, false],
    ["http://127.0.0.1:8080/a", ["127.0.0.1"], true],
    ["http://127.0.0.1:8080/a", ["127.0.0.1:8080"], true],
    ["http://127.0.0.1:8081/a", ["127.0.0.1:8080"], false],
    ["not a url", ["github.com"], false],
  ])("%s with %j → %s", (url, hosts, expected) => {
    expect(tokenApplies(url, hosts)).toBe(expected);
  });
});

function config(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < Number(env.GIT_CONFIG_COUNT); i++) {
    out[env[`GIT_CONFIG_KEY_${i}`] as string] = env[`GIT_CONFIG_VALUE_${i}`] as string;
  }
  return out;
}

describe("cloneEnvironment", () => {
  const shell = { PATH: "/bin", HOME: "/h", GIT_SSH_COMMAND: "evil", EDITOR: "vi", GIT_CONFIG_COUNT: "9" };

  it("keeps only what cloning needs and hardens git", () => {
    const env = cloneEnvironment("https://github.com/a/b", {}, shell);
    expect(env).toMatchObject({
      PATH: "/bin",
      HOME: "/h",
      GIT_TERMINAL_PROMPT: "0",
      GIT_LFS_SKIP_SMUDGE: "1",
    });
    expect(env.GIT_ALLOW_PROTOCOL).toBe("http:https:git:ssh:file");
    expect(env.GIT_SSH_COMMAND).toBeUndefined();
    expect(env.EDITOR).toBeUndefined();
    expect(config(env)).toEqual({
      "protocol.ext.allow": "never",
      "core.hooksPath": "/dev/null",
      "submodule.recurse": "false",
      "core.fsmonitor": "false",
      "advice.detachedHead": "false",
    });
  });

  it("sends the token as a header scoped to the repository's origin, and only there", () => {
    const env = cloneEnvironment("https://github.com/a/b", { token: "tok" }, shell);
    const header = `Authorization: Basic ${Buffer.from("x-access-token:tok").toString("base64")}`;
    expect(config(env)["http.https://github.com/.extraHeader"]).toBe(header);
    const elsewhere = cloneEnvironment("https://gitlab.com/a/b", { token: "tok" }, shell);
    expect(JSON.stringify(elsewhere)).not.toContain(Buffer.from("x-access-token:tok").toString("base64"));
    expect(Object.keys(config(elsewhere))).not.toContain("http.https://gitlab.com/.extraHeader");
  });
});
