import { once } from "node:events";
import http from "node:http";
import type net from "node:net";

/** How the stub answers a pull: as a registry without the image, rate-limited, or asking for credentials. */
export type StubRegistryMode = "manifest-unknown" | "rate-limit" | "auth";

export interface StubRegistry {
  /** `127.0.0.1:<port>`: the engine treats 127.0.0.0/8 as an insecure registry, so plain HTTP works. */
  host: string;
  close(): Promise<void>;
}

/**
 * A Docker registry on 127.0.0.1 that never has an image: it answers every manifest request the way a
 * real registry does for one cause of a failed pull, so tests see the engine's own error text.
 */
export async function startStubRegistry(mode: StubRegistryMode): Promise<StubRegistry> {
  const json = (res: http.ServerResponse, status: number, code: string, message: string, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify({ errors: [{ code, message }] }));
  };
  const server = http.createServer((req, res) => {
    if (mode === "rate-limit")
      return json(res, 429, "TOOMANYREQUESTS", "You have reached your pull rate limit (stub registry).");
    if (mode === "auth")
      return json(res, 401, "UNAUTHORIZED", "authentication required", {
        "www-authenticate": 'Basic realm="stub"',
      });
    if (req.url === "/v2/") {
      res.writeHead(200, { "docker-distribution-api-version": "registry/2.0" });
      return res.end("{}");
    }
    return json(res, 404, "MANIFEST_UNKNOWN", "manifest unknown");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
