import { connect } from "node:net";
import type { Bilingual } from "../i18n/text.js";
import { submissionError } from "./submission-error.js";

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
    throw submissionError(
      offline
        ? {
            en: `could not resolve host ${host}: no answer from the name server (is this machine offline?)`,
            fr: `impossible de trouver le serveur ${host} : le serveur de noms ne répond pas (cette machine est-elle hors ligne ?)`,
          }
        : {
            en: `could not resolve host ${host}: no such host (check the URL)`,
            fr: `impossible de trouver le serveur ${host} : ce nom n'existe pas (vérifiez l'URL)`,
          },
    );
  });
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: address.address, port });
    const fail = (why: Bilingual) => {
      socket.destroy();
      reject(
        submissionError({
          en: `could not connect to the server ${host}:${port}: ${why.en}`,
          fr: `impossible de joindre le serveur ${host}:${port} : ${why.fr}`,
        }),
      );
    };
    const seconds = Math.round(timeoutMs / 1000);
    socket.setTimeout(timeoutMs, () =>
      fail({
        en: `no answer within ${seconds} s (is this machine offline?)`,
        fr: `pas de réponse en ${seconds} s (cette machine est-elle hors ligne ?)`,
      }),
    );
    socket.once("connect", () => {
      socket.destroy();
      resolve();
    });
    socket.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "ECONNREFUSED"
          ? {
              en: "nothing answers on that port (check the URL)",
              fr: "rien ne répond sur ce port (vérifiez l'URL)",
            }
          : error.code === "ENETUNREACH" || error.code === "EHOSTUNREACH"
            ? {
                en: "no route to it (is this machine offline?)",
                fr: "aucune route vers lui (cette machine est-elle hors ligne ?)",
              }
            : { en: error.code ?? error.message, fr: error.code ?? error.message },
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
