import { analyzeServerCommand } from "../../../src/analysis/server-command.js";
import { expandVariables, imageEnvironment, variablesAt } from "../../../src/dockerfile/environment.js";
import { effectiveCommand } from "../command.js";
import type { DockerfileRule } from "../rule.js";

/**
 * DF005: EXPOSE declares the assignment's port (TCP: `5000` or `5000/tcp`, or a range holding it). A wrong
 * declaration is worded with the port the start command really listens on, when the Dockerfile says it.
 */
export const expose: DockerfileRule = {
  id: "expose",
  code: "DF005",
  messages: {
    "expose.ok": {
      en: "EXPOSE {port} is declared (line {line}).",
      fr: "EXPOSE {port} est déclaré (ligne {line}).",
    },
    "expose.missing": {
      en: "No EXPOSE: the image does not document the port its server listens on. Add EXPOSE {port}.",
      fr: "Aucun EXPOSE : l'image ne documente pas le port sur lequel son serveur écoute. Ajoutez EXPOSE {port}.",
    },
    "expose.wrongPort": {
      en: "EXPOSE declares {found} (line {line}); the assignment's port is {port}/tcp. Write EXPOSE {port}.",
      fr: "EXPOSE déclare {found} (ligne {line}) ; le port du sujet est {port}/tcp. Écrivez EXPOSE {port}.",
    },
    "expose.sameAsServer": {
      en: "EXPOSE declares {found} (line {line}), the port the start command listens on ({command}), but the assignment's port is {port}: make the server listen on {port} and write EXPOSE {port}.",
      fr: "EXPOSE déclare {found} (ligne {line}), le port sur lequel écoute la commande de démarrage ({command}), mais le port du sujet est {port} : faites écouter le serveur sur {port} et écrivez EXPOSE {port}.",
    },
    "expose.notServerPort": {
      en: "EXPOSE declares {found} (line {line}), while the start command listens on port {listen} ({command}); the assignment's port is {port}. Write EXPOSE {port}, and make the server listen on it.",
      fr: "EXPOSE déclare {found} (ligne {line}), alors que la commande de démarrage écoute sur le port {listen} ({command}) ; le port du sujet est {port}. Écrivez EXPOSE {port}, et faites écouter le serveur sur ce port.",
    },
  },
  check({ dockerfile, params }) {
    const declared: Array<{ spec: string; line: number }> = [];
    dockerfile.steps.forEach((step, index) => {
      if (step.keyword !== "EXPOSE") return;
      const env = variablesAt(dockerfile.steps, index, { buildArgs: true });
      for (const arg of step.args) declared.push({ spec: expandVariables(arg, env), line: step.line });
    });
    const port = params.port;
    const match = declared.find(({ spec }) => covers(spec, port));
    if (match)
      return [{ messageId: "expose.ok", severity: "ok", line: match.line, data: { port, line: match.line } }];
    const last = declared.at(-1);
    if (!last)
      return [
        { messageId: "expose.missing", severity: "problem", line: dockerfile.base.from.line, data: { port } },
      ];
    const found = declared.map((d) => d.spec).join(" ");
    // What the start command listens on, as written in the Dockerfile: the message states that, or
    // nothing (a script's port is in its code, which this rule does not read).
    const server = analyzeServerCommand(effectiveCommand(dockerfile.steps).argv, {
      env: imageEnvironment(dockerfile.steps),
    });
    const listen = server.bind?.port;
    const data = { port, found, line: last.line, listen: listen ?? "?", command: server.command.join(" ") };
    const messageId =
      listen === undefined
        ? "expose.wrongPort"
        : declared.some(({ spec }) => covers(spec, listen))
          ? "expose.sameAsServer"
          : "expose.notServerPort";
    return [{ messageId, severity: "problem", line: last.line, data }];
  },
};

/** `5000`, `5000/tcp`, `4000-6000/tcp` cover TCP port 5000; `5000/udp` does not. */
function covers(spec: string, port: number): boolean {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec);
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] ? Number(match[2]) : low;
  return (match[3] ?? "tcp").toLowerCase() === "tcp" && low <= port && port <= high;
}
