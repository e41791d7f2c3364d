import { connect } from "node:net";

const PORTS: Record<string, number> = { https: 443, http: 80, ssh: 22, git: 9418 };

/** Where a clone of `url` connects first: host and port, or undefined (local paths, file://, a proxy in use). */
export function cloneEndpoint(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): { host: string; port: number } | undefined {
  const scheme = /^([a-z]+):\/\//.exec(url)?.[1];
  if (scheme === "file") return undefined;
  const proxied = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy"];
  if ((scheme === "https" || scheme === "http") && proxied.some((name) => env[name])) return undefined;
  if (scheme) {
    try {
      const parsed = new URL(url.replace(/^(ssh|git):/, "http:"));
      const host = parsed.hostname.replace(/^\[|\]$/g, "");
      return host ? { host, port: Number(parsed.port) || (PORTS[scheme] ?? 443) } : undefined;
    } catch {
      return undefined;
    }
  }
  const scp = /^[\w.-]+@([\w.-]+):/.exec(url);
  return scp?.[1] ? { host: scp[1], port: 22 } : undefined;
}

/**
 * Fails fast, with a reason in plain words, when the clone's server cannot be reached at all (no network,
 * unknown host, nothing listening): git would otherwise wait for the system's connection timeout, minutes
 * on some networks. Says nothing about the repository itself: git does that.
 */
export async function assertReachable(url: string, timeoutMs = 10_000): Promise<void> {
  const endpoint = cloneEndpoint(url);
  if (!endpoint) return;
  const { host, port } = endpoint;
  // Loaded here: a check of a local folder never resolves a name.
  const { lookup } = await import("node:dns/promises");
  const address = await withTimeout(lookup(host), timeoutMs).catch((error: NodeJS.ErrnoException) => {
    const offline = error.code === "ETIMEDOUT" || error.code === "EAI_AGAIN";
    throw new Error(
      offline
        ? `could not resolve host ${host}: no answer from the name server (is this machine offline?)`
        : `could not resolve host ${host}: no such host (check the URL)`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: address.address, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`could not connect to the server ${host}:${port}: ${why}`));
    };
    socket.setTimeout(timeoutMs, () =>
      fail(`no answer within ${Math.round(timeoutMs / 1000)} s (is this machine offline?)`),
    );
    socket.once("connect", () => {
      socket.destroy();
      resolve();
    });
    socket.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "ECONNREFUSED"
          ? "nothing answers on that port (check the URL)"
          : error.code === "ENETUNREACH" || error.code === "EHOSTUNREACH"
            ? "no route to it (is this machine offline?)"
            : (error.code ?? error.message),
      ),
    );
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
