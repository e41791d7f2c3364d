import { describe, expect, it } from "vitest";
import { cloneFailureReason } from "./git-failure.js";

describe("cloneFailureReason", () => {
  it.each([
    [
      "Cloning into '/tmp/x/repo'...\nfatal: remote error: no such repository: /nobody\n",
      "repository not found (git: remote error: no such repository: /nobody)",
    ],
    [
      "remote: Repository not found.\nfatal: repository 'https://github.com/a/b/' not found\n",
      "repository not found (git: repository 'https://github.com/a/b/' not found)",
    ],
    [
      "fatal: could not read Username for 'https://github.com': terminal prompts disabled\n",
      "authentication failed: the repository is private and no token was given, or the token was refused (git: could not read Username for 'https://github.com': terminal prompts disabled)",
    ],
    [
      "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/a/b/'\n",
      "authentication failed: the repository is private and no token was given, or the token was refused (git: Authentication failed for 'https://github.com/a/b/')",
    ],
    [
      "fatal: unable to access 'https://nohost.example/x/': Could not resolve host: nohost.example\n",
      "could not resolve host (git: unable to access 'https://nohost.example/x/': Could not resolve host: nohost.example)",
    ],
    [
      "warning: Could not find remote branch v2 to clone.\nfatal: Remote branch v2 not found in upstream origin\n",
      "branch not found (git: Remote branch v2 not found in upstream origin)",
    ],
    [
      "error: RPC failed; curl 92 HTTP/2 stream 0 was not closed cleanly\nfatal: early EOF\nhint: try again\n",
      "early EOF",
    ],
    ["Receiving objects: 100% (3/3)\nsomething odd happened\n", "something odd happened"],
    ["warning: filtering not recognized by server, ignoring\n", "git failed without saying why"],
    ["", "git failed without saying why"],
  ])("%j", (stderr, expected) => {
    expect(cloneFailureReason(stderr).en).toBe(expected);
  });

  it("says the same in French, quoting git's own line as it is", () => {
    expect(cloneFailureReason("fatal: remote error: no such repository: /nobody\n")).toEqual({
      en: "repository not found (git: remote error: no such repository: /nobody)",
      fr: "dépôt introuvable (git : remote error: no such repository: /nobody)",
    });
    expect(cloneFailureReason("").fr).toBe("git a échoué sans dire pourquoi");
  });
});
