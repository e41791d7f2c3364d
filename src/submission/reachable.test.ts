import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { assertReachable, cloneEndpoint } from "./reachable.js";
import type { SubmissionError } from "./submission-error.js";

describe("cloneEndpoint", () => {
  it.each([
    ["https://github.com/org/lab.git", { host: "github.com", port: 443 }],
    ["http://127.0.0.1:8080/lab.git", { host: "127.0.0.1", port: 8080 }],
    ["ssh://git@gitlab.example:2222/org/lab.git", { host: "gitlab.example", port: 2222 }],
    ["git://example.org/lab.git", { host: "example.org", port: 9418 }],
    ["git@github.com:org/lab.git", { host: "github.com", port: 22 }],
    ["https://[::1]:3000/lab.git", { host: "::1", port: 3000 }],
    ["file:///srv/lab.git", undefined],
  ])("%s", (url, endpoint) => expect(cloneEndpoint(url, {})).toEqual(endpoint));

  it("leaves proxied http(s) clones to git", () => {
    expect(cloneEndpoint("https://github.com/a/b.git", { HTTPS_PROXY: "http://proxy:3128" })).toBeUndefined();
  });
});

describe("assertReachable", () => {
  it("passes when the server answers", async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await expect(assertReachable(`http://127.0.0.1:${port}/lab.git`)).resolves.toBeUndefined();
    server.close();
  });

  it("names the cause, fast, when nothing listens or the host does not exist", async () => {
    const started = Date.now();
    const refused = assertReachable("http://127.0.0.1:1/lab.git");
    await expect(refused).rejects.toThrow(
      "could not connect to the server 127.0.0.1:1: nothing answers on that port (check the URL)",
    );
    await expect(refused.catch((error: SubmissionError) => error.text("fr"))).resolves.toBe(
      "impossible de joindre le serveur 127.0.0.1:1 : rien ne répond sur ce port (vérifiez l'URL)",
    );
    await expect(assertReachable("https://no-such-host.invalid/lab.git", 5_000)).rejects.toThrow(
      /could not resolve host no-such-host\.invalid/,
    );
    expect(Date.now() - started).toBeLessThan(12_000);
  });
});
