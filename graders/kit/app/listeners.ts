import type { ContainerHandle } from "../../../src/docker/session.js";

/** A TCP socket in LISTEN state inside the container's network namespace. */
export interface Listener {
  /** Dotted IPv4 or compressed IPv6 (`0.0.0.0`, `127.0.0.1`, `::`, `::1`). */
  address: string;
  port: number;
  family: 4 | 6;
  /** Listens on every interface: reachable through a published port. */
  allInterfaces: boolean;
  /** Listens on the container's own loopback only: unreachable through a published port. */
  loopback: boolean;
}

// The kernel's TCP state code for LISTEN (include/net/tcp_states.h: TCP_LISTEN = 10).
const LISTEN = "0A";

/**
 * Parses the output of `cat /proc/net/tcp /proc/net/tcp6` (slim images have neither `ss` nor `netstat`):
 * one socket per line, `sl: local_address rem_address st ...`, the address in hex as the kernel stores it
 * (IPv4 little-endian, IPv6 as four little-endian 32-bit words), the port big-endian. Header lines,
 * `cat` errors and sockets in other states are ignored; duplicates (one per process) are merged.
 */
export function parseProcNetTcp(text: string): Listener[] {
  const seen = new Map<string, Listener>();
  for (const line of text.split("\n")) {
    const match =
      /^\s*\d+:\s+([0-9A-Fa-f]+):([0-9A-Fa-f]{4})\s+[0-9A-Fa-f]+:[0-9A-Fa-f]{4}\s+([0-9A-Fa-f]{2})\s/.exec(
        line,
      );
    if (!match || (match[3] as string).toUpperCase() !== LISTEN) continue;
    const hex = match[1] as string;
    const port = Number.parseInt(match[2] as string, 16);
    const listener =
      hex.length === 8 ? ipv4Listener(hex, port) : hex.length === 32 ? ipv6Listener(hex, port) : undefined;
    if (listener) seen.set(`${listener.address}|${port}`, listener);
  }
  return [...seen.values()];
}

function ipv4Listener(hex: string, port: number): Listener {
  const address = littleEndianWord(hex).join(".");
  return {
    address,
    port,
    family: 4,
    allInterfaces: address === "0.0.0.0",
    loopback: address.startsWith("127."),
  };
}

function ipv6Listener(hex: string, port: number): Listener {
  const bytes = [0, 8, 16, 24].flatMap((offset) => littleEndianWord(hex.slice(offset, offset + 8)));
  const mappedV4 = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
  if (mappedV4) {
    // `::ffff:127.0.0.1`: an IPv4 address on a dual-stack socket.
    const v4 = bytes.slice(12).join(".");
    return { address: v4, port, family: 6, allInterfaces: v4 === "0.0.0.0", loopback: v4.startsWith("127.") };
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  const address = compressIpv6(groups);
  return { address, port, family: 6, allInterfaces: address === "::", loopback: address === "::1" };
}

/** One 32-bit word of /proc/net/tcp, stored in host (little-endian) order, as its four address bytes. */
function littleEndianWord(hex: string): number[] {
  const bytes = [];
  for (let i = 6; i >= 0; i -= 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

/** RFC 5952 form: the longest run of zero groups (two or more) becomes `::`. */
function compressIpv6(groups: string[]): string {
  let best = { start: -1, length: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === "0") j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  if (best.length < 2) return groups.join(":");
  const head = groups.slice(0, best.start).join(":");
  const tail = groups.slice(best.start + best.length).join(":");
  return `${head}::${tail}`;
}

/** `0.0.0.0:8000`, `[::1]:5000`: how a listener is named in messages. */
export function listenerText(listener: Listener): string {
  return listener.address.includes(":")
    ? `[${listener.address}]:${listener.port}`
    : `${listener.address}:${listener.port}`;
}

// Docker's embedded DNS server listens on 127.0.0.11 (a random TCP port) inside every container attached
// to a user-defined network, as the harness's are: it is the engine's, never the app's.
const DOCKER_DNS = "127.0.0.11";

/** The listeners that belong to the container's processes, without the engine's embedded DNS. */
export function appListeners(listeners: readonly Listener[]): Listener[] {
  return listeners.filter((listener) => listener.address !== DOCKER_DNS);
}

export type ListenerProbe = { ok: true; listeners: Listener[] } | { ok: false; reason: string };

/** Reads the container's listening sockets through `cat` (present in every Debian or Alpine based image). */
export async function readListeners(container: ContainerHandle): Promise<ListenerProbe> {
  try {
    const result = await container.exec(["cat", "/proc/net/tcp", "/proc/net/tcp6"], {
      timeoutMs: 3000,
      maxBytes: 256 * 1024,
    });
    if (result.timedOut) return { ok: false, reason: "`cat /proc/net/tcp` did not answer within 3 s" };
    // tcp6 is missing when IPv6 is off: cat then exits 1 after printing tcp, which is still good.
    if (!/local_address/.test(result.output.stdout))
      return { ok: false, reason: firstLine(result.output.text) || `cat exited with ${result.exitCode}` };
    return { ok: true, listeners: appListeners(parseProcNetTcp(result.output.stdout)) };
  } catch (error) {
    return { ok: false, reason: firstLine((error as Error).message) };
  }
}

/**
 * The container's process count, from its pids cgroup (v2 file first, then v1): a fork bomb shows as a
 * count at the limit. `exec` still works at the limit, since it joins the cgroup without forking in it.
 */
export async function readProcessCount(container: ContainerHandle): Promise<number | undefined> {
  try {
    const result = await container.exec(
      ["cat", "/sys/fs/cgroup/pids.current", "/sys/fs/cgroup/pids/pids.current"],
      { timeoutMs: 3000, maxBytes: 4096 },
    );
    const count = /^(\d+)\s*$/m.exec(result.output.stdout)?.[1];
    // The count includes the `cat` itself.
    return count === undefined ? undefined : Math.max(0, Number(count) - 1);
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.trim() ?? "";
}
