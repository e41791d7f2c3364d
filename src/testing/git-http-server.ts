import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { TestGitServer } from "./git-daemon.js";

export interface TestHttpGitServer extends TestGitServer {
  /** Every request received, in order, and whether it carried the token. */
  requests: Array<{ path: string; authorized: boolean }>;
}

/** Whether an Authorization header carries the token (Basic with it as password, or Bearer). */
export function carriesToken(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const [scheme = "", value = ""] = header.split(" ");
  if (scheme.toLowerCase() === "bearer") return value === token;
  if (scheme.toLowerCase() !== "basic") return false;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  return decoded.slice(decoded.indexOf(":") + 1) === token;
}

/**
 * Smart HTTP git on 127.0.0.1: `git http-backend` run as a CGI for each request, serving every repository
 * under `baseDir`. With a token, a request without it gets 401 (`WWW-Authenticate: Basic`), as a private
 * GitHub repository would answer.
 */
export async function startHttpGitServer(
  baseDir: string,
  options: { token?: string } = {},
): Promise<TestHttpGitServer> {
  const backend = path.join(
    execFileSync("git", ["--exec-path"], { encoding: "utf8" }).trim(),
    "git-http-backend",
  );
  const requests: TestHttpGitServer["requests"] = [];
  const children = new Set<ReturnType<typeof spawn>>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const authorized = options.token ? carriesToken(req.headers.authorization, options.token) : true;
    requests.push({ path: url.pathname, authorized });
    if (!authorized) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="test"' }).end("authentication required\n");
      return;
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_PROJECT_ROOT: baseDir,
      GIT_HTTP_EXPORT_ALL: "1",
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? "GET",
      CONTENT_TYPE: req.headers["content-type"] ?? "",
      REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
      REMOTE_USER: "student",
      ...(req.headers["content-length"] ? { CONTENT_LENGTH: req.headers["content-length"] } : {}),
      ...(req.headers["content-encoding"] ? { HTTP_CONTENT_ENCODING: req.headers["content-encoding"] } : {}),
      ...(req.headers["git-protocol"] ? { GIT_PROTOCOL: String(req.headers["git-protocol"]) } : {}),
    };
    const cgi = spawn(backend, [], { env, stdio: ["pipe", "pipe", "ignore"] });
    children.add(cgi);
    cgi.once("close", () => children.delete(cgi));
    cgi.stdin.on("error", () => {});
    req.pipe(cgi.stdin);
    relayCgi(cgi.stdout, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    requests,
    close: async () => {
      for (const child of children) child.kill("SIGKILL");
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** Parses the CGI header block (`Status:` and the others), then streams the body. */
function relayCgi(out: NodeJS.ReadableStream, res: http.ServerResponse): void {
  let head = Buffer.alloc(0);
  let started = false;
  out.on("data", (chunk: Buffer) => {
    if (started) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const text = head.toString("latin1");
    const match = /\r?\n\r?\n/.exec(text);
    if (!match) return;
    started = true;
    let status = 200;
    for (const line of text.slice(0, match.index).split(/\r?\n/)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === "status") status = Number.parseInt(value, 10) || 500;
      else if (name) res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(match.index + match[0].length));
  });
  out.on("end", () => {
    if (!started) res.writeHead(502);
    res.end();
  });
}
