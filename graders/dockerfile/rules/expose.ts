import { expandVariables, variablesAt } from "../environment.js";
import type { DockerfileRule } from "../rule.js";

/** DF005: EXPOSE declares the server's port (TCP: `5000` or `5000/tcp`, or a range holding it). */
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
      en: "EXPOSE declares {found} (line {line}) but the server listens on {port}/tcp. Write EXPOSE {port}.",
      fr: "EXPOSE déclare {found} (ligne {line}) alors que le serveur écoute sur {port}/tcp. Écrivez EXPOSE {port}.",
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
    return [
      {
        messageId: "expose.wrongPort",
        severity: "problem",
        line: last.line,
        data: { port, found, line: last.line },
      },
    ];
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
