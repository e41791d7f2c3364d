import { spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";

export interface TestGitServer {
  /** The clone URL of repository `name` (a folder under the base folder). */
  url(name: string): string;
  /** Stops the server and every process it started. */
  close(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

/** Resolves once something accepts connections on 127.0.0.1:port, within `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, exited: () => string | undefined) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      const done = (result: boolean) => {
        socket.destroy();
        resolve(result);
      };
      socket.once("connect", () => done(true)).once("error", () => done(false));
      socket.setTimeout(500, () => done(false));
    });
    if (ok) return;
    const why = exited();
    if (why) throw new Error(`the test server stopped before listening: ${why}`);
    if (Date.now() > until)
      throw new Error(`the test server did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * `git daemon` serving every repository under `baseDir` on 127.0.0.1 (git:// URLs, upload-pack only,
 * partial clones allowed). Runs in its own process group, killed whole on close.
 */
export async function startGitDaemon(baseDir: string): Promise<TestGitServer> {
  const port = await freePort();
  const args = ["daemon", "--reuseaddr", `--base-path=${baseDir}`, "--export-all", "--listen=127.0.0.1"];
  args.push(`--port=${port}`, "--enable=upload-pack", "--informative-errors", baseDir);
  const child = spawn("git", args, {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "uploadpack.allowFilter",
      GIT_CONFIG_VALUE_0: "true",
    },
  });
  let stderr = "";
  let exit: string | undefined;
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.once("exit", (code, signal) => {
    exit = `exit ${code ?? signal}: ${stderr.trim()}`;
  });
  const close = async () => {
    if (exit !== undefined) return;
    const closed = once(child, "close");
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // already gone
    }
    await closed;
  };
  try {
    await waitForPort(port, 10_000, () => exit);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: (name) => `git://127.0.0.1:${port}/${name}`, close };
}
