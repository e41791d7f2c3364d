import { once } from "node:events";
import net from "node:net";
import type { TestGitServer } from "./git-daemon.js";

/**
 * A server on 127.0.0.1 that accepts connections and never answers: git (git:// or http://) waits on it
 * until its caller's timeout, as with a server that hangs.
 */
export async function startStallingServer(scheme: "git" | "http" = "git"): Promise<TestGitServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return {
    url: (name) => `${scheme}://127.0.0.1:${port}/${name}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}
