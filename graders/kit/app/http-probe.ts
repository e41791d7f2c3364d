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
  const signal = controller.signal;
  try {
    // undici loads on the first probe only: `rubric lint` and `explain` read this module without it.
    const { request } = await import("undici");
    const response = await request(url, {
      method: (options.method ?? "GET") as "GET",
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      reset: true,
      signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of response.body) {
      const buffer = Buffer.from(chunk as Uint8Array);
      chunks.push(buffer.subarray(0, Math.max(0, maxBodyBytes - size)));
      size += buffer.length;
      if (size > maxBodyBytes) {
        truncated = true;
        response.body.destroy();
        break;
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    return {
      ok: true,
      status: response.statusCode,
      headers,
      body: Buffer.concat(chunks).toString("utf8"),
      truncated,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const kind = options.signal?.aborted ? "aborted" : timedOut ? "timeout" : failureKind(error);
    return { ok: false, kind, detail: describe(error), durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

function failureKind(error: unknown): HttpFailureKind {
  const code = (error as { code?: string } | undefined)?.code ?? "";
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") return "reset";
  if (/TIMEOUT/.test(code)) return "timeout";
  return "other";
}

function describe(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
