import { describe, expect, it } from "vitest";
import { classifyPullFailure, isPullError, type PullFailureKind } from "./pull-failure.js";

// Texts printed by this machine's engine (Docker 20.10.24) for `docker pull` / a build FROM the image:
// offline (no DNS), and against a stub registry on 127.0.0.1 answering 404, 429, 401, 403 and 500.
const ENGINE_20_10: Array<[string, PullFailureKind]> = [
  [
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    "dns",
  ],
  ['Get "http://127.0.0.1:5998/v2/": dial tcp 127.0.0.1:5998: connect: connection refused', "unreachable"],
  [
    "toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit",
    "rate-limit",
  ],
  ['Head "http://127.0.0.1:5999/v2/student/python/manifests/3.99-nope": no basic auth credentials', "auth"],
  ["denied", "auth"],
  ["manifest unknown", "not-found"],
  ["name unknown", "not-found"],
  ["received unexpected HTTP status: 500 Internal Server Error", "registry-error"],
  ["invalid reference format: repository name must be lowercase", "invalid-reference"],
];

// The same causes as Docker Hub and newer engines word them.
const OTHER_WORDINGS: Array<[string, PullFailureKind]> = [
  ["manifest for python:3.99-nope not found: manifest unknown: manifest unknown", "not-found"],
  [
    "pull access denied for pyhton, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    "not-found",
  ],
  ["unauthorized: incorrect username or password", "auth"],
  [
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: Temporary failure in name resolution',
    "dns",
  ],
  [
    'Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    "unreachable",
  ],
  [
    'Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 10.0.0.1:3128: connect: connection refused',
    "unreachable",
  ],
  ['Get "https://registry-1.docker.io/v2/": x509: certificate signed by unknown authority', "unreachable"],
  ["something nobody has seen before", "unknown"],
];

describe("classifyPullFailure", () => {
  it.each([...ENGINE_20_10, ...OTHER_WORDINGS])("%s → %s", (text, kind) => {
    expect(classifyPullFailure(text).kind).toBe(kind);
  });

  it("blames the student only for an image the registry does not have or a reference Docker cannot read", () => {
    const student = [...ENGINE_20_10, ...OTHER_WORDINGS]
      .filter(([text]) => classifyPullFailure(text).fault === "student")
      .map(([, kind]) => kind);
    expect(new Set(student)).toEqual(new Set(["not-found", "invalid-reference"]));
  });

  it("names the registry host it could not reach", () => {
    expect(classifyPullFailure(ENGINE_20_10[0]?.[0] ?? "").host).toBe("registry-1.docker.io");
    expect(classifyPullFailure(ENGINE_20_10[1]?.[0] ?? "").host).toBe("127.0.0.1:5998");
  });
});

describe("isPullError", () => {
  it("is a FROM step's error, or an image pull named in the message", () => {
    expect(isPullError("FROM python:3.99-nope", "manifest unknown")).toBe(true);
    expect(isPullError("COPY --from=nginx:1 /x /x", ENGINE_20_10[0]?.[0] ?? "")).toBe(true);
    expect(
      isPullError(
        "RUN pip install -r requirements.txt",
        "The command '/bin/sh -c pip install' returned a non-zero code: 1",
      ),
    ).toBe(false);
  });
});
