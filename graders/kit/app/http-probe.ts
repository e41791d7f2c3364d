import type * as Http from "node:http";
import { createRequire } from "node:module";

/**
 * node:http through `require`: an ESM `import` of a built-in module reads every one of its exports, and
 * node:http's include getters that load Node's own copy of undici (about 20 ms of CPU, for nothing).
 */
const { request } = createRequire(import.meta.url)("node:http") as typeof Http;

/** An HTTP answer, its body capped. Header names are lower-case. */
export interface HttpAnswer {
  ok: true;
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  durationMs: number;
}

/**
 * Why no answer came. `reset`: the connection was accepted, then dropped with no reply — what Docker's
 * published port does when nothing listens on the container's port. `refused`: nothing accepted it (the
 * container is gone). `timeout`: accepted, but no answer in time.
 */
export type HttpFailureKind = "reset" | "refused" | "timeout" | "aborted" | "other";

export interface HttpFailure {
  ok: false;
  kind: HttpFailureKind;
  detail: string;
  durationMs: number;
}

export type HttpOutcome = HttpAnswer | HttpFailure;

export interface HttpProbeOptions {
  method?: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

/**
 * One request to a container's published port (always `127.0.0.1`: the harness sends no traffic
 * elsewhere). No keep-alive (each container gets fresh ephemeral ports, a pooled socket would outlive
 * it), no redirects followed, and never throws: a failure is an outcome.
 *
 * It goes through `node:http`, which the engine's client has already loaded: undici cost each grading
 * about 45 ms more CPU for the same probes (its 30,000 lines and its parser's WebAssembly loaded for a
 * few dozen local requests; issue #11).
 */
export async function httpProbe(url: string, options: HttpProbeOptions = {}): Promise<HttpOutcome> {
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(`refusing to send a request to ${url}`);
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  // One controller and a timer cleared at the end: AbortSignal.timeout's timer cannot be cleared, and the
  // app is polled every 100 ms, so each poll left a timer firing seconds later (a tenth of a second of CPU
  // over a submission), and AbortSignal.any a listener on the check's signal.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  }, timeoutMs);
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const answer = await send(url, options.method ?? "GET", maxBodyBytes, controller.signal);
    return { ok: true, ...answer, durationMs: Date.now() - started };
  } catch (error) {
    const kind = options.signal?.aborted ? "aborted" : timedOut ? "timeout" : failureKind(error);
    return { ok: false, kind, detail: describe(error), durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** Sends the request and reads the answer, its body capped at `maxBodyBytes`; rejects on any failure. */
function send(
  url: string,
  method: string,
  maxBodyBytes: number,
  signal: AbortSignal,
): Promise<Omit<HttpAnswer, "ok" | "durationMs">> {
  return new Promise((resolve, reject) => {
    // agent: false: a socket of its own, closed after the answer (`Connection: close`).
    const req = request(url, { method, agent: false, signal }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers))
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      const done = () =>
        resolve({
          status: response.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString("utf8"),
          truncated,
        });
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk.subarray(0, Math.max(0, maxBodyBytes - size)));
        size += chunk.length;
        if (size > maxBodyBytes && !truncated) {
          truncated = true;
          done();
          response.destroy();
        }
      });
      response.on("end", done);
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function failureKind(error: unknown): HttpFailureKind {
  const code = (error as { code?: string } | undefined)?.code ?? "";
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET" || code === "EPIPE") return "reset";
  if (/TIMEOUT/.test(code)) return "timeout";
  return "other";
}

function describe(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
