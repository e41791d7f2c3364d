/**
 * Why a base image could not be obtained, read from the engine's error text. Only an answer from the
 * registry that the image does not exist, or a reference Docker cannot parse, is the student's (the FROM
 * line is wrong); everything else means the harness could not check: no DNS, no route, a proxy, a pull
 * rate limit, credentials, a registry failing, or a pull policy that forbids pulling.
 */
export type PullFailureKind =
  | "not-found"
  | "invalid-reference"
  | "rate-limit"
  | "auth"
  | "dns"
  | "unreachable"
  | "registry-error"
  | "not-present"
  | "unknown";

export interface PullFailure {
  kind: PullFailureKind;
  /** `student`: the FROM line names an image that does not exist; `harness`: the check could not be made. */
  fault: "student" | "harness";
  /** The engine's text, first line, trimmed. */
  message: string;
  /** The registry host named in the error, when there is one. */
  host?: string;
}

// Each pattern was checked against the text Docker 20.10 prints (see pull-failure.test.ts), plus the
// wordings of newer engines and of Docker Hub for the same causes. Order matters: Docker Hub words an
// unknown repository as "pull access denied ... repository does not exist or may require 'docker login'".
const KINDS: ReadonlyArray<[PullFailureKind, RegExp]> = [
  ["rate-limit", /toomanyrequests|too many requests|pull rate limit|unexpected http status: 429/i],
  ["invalid-reference", /invalid reference format|repository name must be (lowercase|canonical)/i],
  [
    "not-found",
    /manifest unknown|manifest for \S+ not found|\bnot found: manifest|repository does not exist|name unknown|repository name not known/i,
  ],
  [
    "auth",
    /no basic auth credentials|unauthorized|authentication required|incorrect username or password|\bdenied\b|unexpected http status: 40[13]/i,
  ],
  [
    "dns",
    /no such host|temporary failure in name resolution|server misbehaving|name or service not known|could not resolve/i,
  ],
  [
    "unreachable",
    /connection refused|connection reset|i\/o timeout|network is unreachable|no route to host|tls handshake timeout|context deadline exceeded|proxyconnect|x509:|certificate|request canceled while waiting|: EOF$/i,
  ],
  ["registry-error", /unexpected http status: 5\d\d|service unavailable|internal server error|bad gateway/i],
];

/** Classifies one engine error text about pulling (or building FROM) an image. */
export function classifyPullFailure(text: string): PullFailure {
  const message = (text.split("\n").find((line) => line.trim() !== "") ?? text).trim().slice(0, 400);
  const kind = KINDS.find(([, pattern]) => pattern.test(message))?.[0] ?? "unknown";
  const host = /(?:https?:\/\/|lookup |dial tcp )([a-z0-9.-]+\.[a-z]{2,}|\d+\.\d+\.\d+\.\d+(?::\d+)?)/i.exec(
    message,
  )?.[1];
  return {
    kind,
    fault: kind === "not-found" || kind === "invalid-reference" ? "student" : "harness",
    message,
    ...(host ? { host } : {}),
  };
}

/** The failure for an image that is not on the engine when the pull policy forbids pulling it. */
export function notPresent(reference: string): PullFailure {
  return {
    kind: "not-present",
    fault: "harness",
    message: `${reference} is not on the engine and the pull policy is "never"`,
  };
}

/**
 * Does a build error come from obtaining an image (a FROM step, or `COPY --from=image`)? Only then is it
 * worth classifying as a pull failure; a RUN step that fails to reach PyPI is the build's own business.
 */
export function isPullError(instruction: string | undefined, message: string): boolean {
  if (instruction !== undefined && /^FROM\s/i.test(instruction)) return true;
  return /^(Get|Head) "https?:\/\/[^"]+\/v2\/|manifest unknown|manifest for \S+ not found|pull access denied|toomanyrequests|invalid reference format/i.test(
    message,
  );
}
