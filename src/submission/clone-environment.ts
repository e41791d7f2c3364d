/** Variables from the caller's shell that cloning may need (paths, ssh agent, proxies, CA files). */
const KEPT = [
  "PATH",
  "HOME",
  "SSH_AUTH_SOCK",
  "GIT_SSL_CAINFO",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
];

/** Transports git may use, even through a redirect or a submodule URL. */
export const ALLOWED_PROTOCOLS = "http:https:git:ssh:file";

export interface TokenOptions {
  token?: string;
  /** Hosts the token is sent to ("github.com", or "host:port"); default github.com only. */
  tokenHosts?: string[];
}

/** Whether the token goes with a request to this URL: http(s) only, to a listed host only. */
export function tokenApplies(url: string, tokenHosts: string[] = ["github.com"]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  const hosts = tokenHosts.map((host) => host.toLowerCase());
  return hosts.includes(parsed.hostname.toLowerCase()) || hosts.includes(parsed.host.toLowerCase());
}

/**
 * The environment git runs with: only what cloning needs, never the caller's EDITOR, GIT_SSH_COMMAND or
 * GIT_CONFIG_*. Settings are passed as GIT_CONFIG_* variables, so nothing is written to disk: other
 * transports and remote helpers refused, hooks never run, no submodules, no LFS download, English messages
 * (read by cloneFailureReason). The token, when it applies to `url`, is an Authorization header scoped to
 * that URL's origin: never in the URL, on the command line or in the clone's .git/config.
 */
export function cloneEnvironment(
  url?: string,
  options: TokenOptions = {},
  base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {
    GIT_TERMINAL_PROMPT: "0",
    GIT_LFS_SKIP_SMUDGE: "1",
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
    LC_ALL: "C",
  };
  for (const key of KEPT) {
    const value = base[key];
    if (value) env[key] = value;
  }
  const config: Array<[string, string]> = [
    ["protocol.ext.allow", "never"],
    ["core.hooksPath", "/dev/null"],
    ["submodule.recurse", "false"],
    ["core.fsmonitor", "false"],
    ["advice.detachedHead", "false"],
  ];
  if (url && options.token && tokenApplies(url, options.tokenHosts)) {
    const origin = new URL(url);
    const basic = Buffer.from(`x-access-token:${options.token}`).toString("base64");
    config.push([`http.${origin.protocol}//${origin.host}/.extraHeader`, `Authorization: Basic ${basic}`]);
  }
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}
