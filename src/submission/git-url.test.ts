import { describe, expect, it } from "vitest";
import { redactText, redactUrl, validateGitUrl } from "./git-url.js";
import { SubmissionError } from "./submission-error.js";

describe("validateGitUrl", () => {
  it.each([
    "https://github.com/alice/quotegen.git",
    "http://127.0.0.1:8080/x.git",
    "git://127.0.0.1:9418/alice",
    "ssh://git@github.com/alice/quotegen.git",
    "git@github.com:alice/quotegen.git",
    "file:///tmp/origin",
    "https://user:token@github.com/alice/q",
  ])("accepts %s", (url) => {
    expect(() => validateGitUrl(url)).not.toThrow();
  });

  it.each([
    ["", /empty/],
    ["--upload-pack=touch /tmp/x", /starts with "-"/],
    ["-c core.sshCommand=x", /starts with "-"/],
    ["ext::sh -c touch% /tmp/pwned", /spaces or control/],
    ["ext::sh", /"ext::" transport/],
    ["file::/tmp/repo", /"file::" transport/],
    ["fd::17", /"fd::" transport/],
    ["https::github.com/x", /"https::" transport/],
    ["https://github.com/a b", /spaces or control/],
    ["https://github.com/a\nb", /spaces or control/],
    ["https://github.com/a\u0007", /spaces or control/],
    ["https://github.com/a\u00a0", /spaces or control/],
    ["ssh://-oProxyCommand=touch%20x/a", /host or user starts with "-"/],
    ["ssh://-x@host/a", /host or user starts with "-"/],
    ["git@-oProxy:a/b", /host or user starts with "-"/],
    ["https:///path-only", /names no host/],
    ["ftp://example.org/x", /only http/],
    ["/home/alice/repo", /only http/],
    ["alice/quotegen", /only http/],
  ])("refuses %j", (url, why) => {
    expect(() => validateGitUrl(url)).toThrow(SubmissionError);
    expect(() => validateGitUrl(url)).toThrow(why);
  });

  it("says why in French too", () => {
    const french = (url: string) => {
      try {
        validateGitUrl(url);
      } catch (error) {
        return (error as SubmissionError).text("fr");
      }
    };
    expect(french("ext::sh")).toBe("URL git refusée : le transport « ext:: » n'est pas permis");
    expect(french("https:///path-only")).toBe("URL git refusée : elle ne nomme aucun hôte");
  });
});

describe("redactUrl", () => {
  it.each([
    ["https://user:TOKEN@github.com/a/b.git", "https://github.com/a/b.git"],
    ["https://TOKEN@github.com/a/b", "https://github.com/a/b"],
    ["http://u:p@127.0.0.1:80/x?y=1", "http://127.0.0.1:80/x?y=1"],
    ["https://u:p@ss@host/x", "https://host/x"],
    ["https://github.com/a@b", "https://github.com/a@b"],
    ["ssh://git:secret@github.com/a/b", "ssh://git@github.com/a/b"],
    ["ssh://git@github.com/a/b", "ssh://git@github.com/a/b"],
    ["ssh://:secret@host/a", "ssh://host/a"],
    ["git:secret@github.com:a/b.git", "git@github.com:a/b.git"],
    ["git@github.com:a/b.git", "git@github.com:a/b.git"],
    ["file:///tmp/a@b", "file:///tmp/a@b"],
    ["/home/alice/repo", "/home/alice/repo"],
  ])("%s → %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe("redactText", () => {
  const token = "ghp_S3cr3t/+=";
  const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
  it.each([
    [
      `fatal: unable to access 'https://x:${token}@github.com/a/': 403`,
      "fatal: unable to access 'https://github.com/a/': 403",
    ],
    [`token ${token} refused`, "token *** refused"],
    [`url https://github.com/?t=${encodeURIComponent(token)}`, "url https://github.com/?t=***"],
    [`> Authorization: Basic ${basic}`, "> Authorization: Basic ***"],
    ["Authorization: Bearer abc.def", "Authorization: Bearer ***"],
    ["cloning ssh://git:pw@host/x and https://u:p@h/y", "cloning ssh://git@host/x and https://h/y"],
    ["nothing to hide here", "nothing to hide here"],
  ])("%s", (text, expected) => {
    expect(redactText(text, [token])).toBe(expected);
  });

  it("ignores empty secrets instead of blanking the text", () => {
    expect(redactText("fatal: repository not found", ["", ""])).toBe("fatal: repository not found");
  });
});
