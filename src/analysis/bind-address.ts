/** A TCP address a server listens on. */
export interface BindAddress {
  /** Lower-cased host; the empty host of `:5000` is written `0.0.0.0`. */
  host: string;
  port: number;
  /** Listens on every interface (`0.0.0.0`, `:5000`, `[::]`): reachable through `docker run -p`. */
  allInterfaces: boolean;
  /** Listens on the loopback only (`127.0.0.1`, `localhost`, `[::1]`): unreachable from outside the container. */
  loopback: boolean;
  /** As written. */
  text: string;
}

/**
 * Reads an address the way Gunicorn's `parse_address` does: `HOST:PORT`, `:PORT` (all interfaces),
 * `HOST` (default port), `[v6]:PORT`, an optional `tcp://` prefix. Unix sockets (`unix:...`), file
 * descriptors (`fd://3`) and ports that are not numbers (an unexpanded `$PORT`) give undefined: no TCP
 * address can be known.
 */
export function parseBindAddress(text: string, defaultPort = 8000): BindAddress | undefined {
  if (/^unix:/i.test(text) || /^fd:\/\//i.test(text)) return undefined;
  const netloc = text.replace(/^tcp:\/\//i, "");
  let host = netloc;
  let port = String(defaultPort);
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(netloc);
  if (v6) {
    host = v6[1] as string;
    port = v6[2] ?? port;
  } else if (netloc.includes(":")) {
    const [h, p] = netloc.split(":");
    host = h as string;
    port = p || port;
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return undefined;
  return describeHost(host, Number(port), text);
}

/** Builds an address from a host and a port given apart (`flask run --host H --port P`). */
export function bindAddress(
  host: string,
  port: number | string,
  text = `${host}:${port}`,
): BindAddress | undefined {
  const value = String(port);
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) return undefined;
  return describeHost(host, Number(value), text);
}

function describeHost(rawHost: string, port: number, text: string): BindAddress {
  const lower = rawHost.toLowerCase();
  const host = lower === "" || lower === "*" ? "0.0.0.0" : lower;
  const allInterfaces = host === "0.0.0.0" || host === "::" || host === "0:0:0:0:0:0:0:0";
  const loopback = host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  return { host, port, allInterfaces, loopback, text };
}

/**
 * Whether `actual` satisfies `expected`: same port, and every interface when every interface is expected
 * (`0.0.0.0`, `:5000` and `[::]` are all fine), else the same host.
 */
export function bindMatches(actual: BindAddress, expected: BindAddress): boolean {
  if (actual.port !== expected.port) return false;
  return expected.allInterfaces ? actual.allInterfaces : actual.host === expected.host;
}
