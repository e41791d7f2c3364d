import { shellScript, splitShellScript } from "../../../src/analysis/shell-command.js";
import { type CommandPart, effectiveCommand } from "../command.js";
import type { DockerfileRule, RuleFinding } from "../rule.js";
import { execFormOf, expectedCmd } from "../suggest.js";

/**
 * DF006: the CMD and ENTRYPOINT that take effect (the last of each) are in JSON exec form, so the server
 * itself is PID 1 and gets `docker stop`'s SIGTERM. On Debian-based images `/bin/sh -c` stays PID 1 and
 * does not pass the signal on: docker stop waits 10 s, then kills (exit 137).
 */
export const execForm: DockerfileRule = {
  id: "exec-form",
  code: "DF006",
  messages: {
    "execForm.ok": {
      en: "{keyword} is in JSON exec form (line {line}): the server runs as PID 1 and receives docker stop's SIGTERM.",
      fr: "{keyword} est en forme exec JSON (ligne {line}) : le serveur tourne en PID 1 et reçoit le SIGTERM de docker stop.",
    },
    "execForm.shellForm": {
      en: "{keyword} is in shell form ({found}): Docker runs it through /bin/sh -c, so the shell becomes PID 1 and does not forward SIGTERM to the server; docker stop then waits 10 s and kills the container (exit code 137). Write it in exec form: {suggestion}",
      fr: "{keyword} est en forme shell ({found}) : Docker le lance via /bin/sh -c, le shell devient PID 1 et ne transmet pas SIGTERM au serveur ; docker stop attend alors 10 s puis tue le conteneur (code de sortie 137). Écrivez-le en forme exec : {suggestion}",
    },
    "execForm.brokenJson": {
      en: "{keyword} looks like a JSON array but is not valid JSON ({found}), so Docker silently runs it in shell form through /bin/sh -c (PID 1 shell, SIGTERM lost, docker stop takes 10 s and ends in exit 137). JSON needs double quotes: {suggestion}",
      fr: "{keyword} ressemble à un tableau JSON mais n'est pas du JSON valide ({found}) : Docker le lance donc en forme shell via /bin/sh -c (shell en PID 1, SIGTERM perdu, docker stop prend 10 s et finit en code 137). Le JSON exige des guillemets doubles : {suggestion}",
    },
    "execForm.shellWrapper": {
      en: "{keyword} starts the server through a shell ({found}) without exec: the shell stays PID 1 and does not forward SIGTERM, so docker stop waits 10 s and kills (exit 137). Call the server directly ({suggestion}) or write exec before it in the script.",
      fr: "{keyword} lance le serveur via un shell ({found}) sans exec : le shell reste PID 1 et ne transmet pas SIGTERM, docker stop attend 10 s puis tue (code 137). Appelez directement le serveur ({suggestion}) ou écrivez exec devant lui dans le script.",
    },
    "execForm.noCommand": {
      en: "No CMD nor ENTRYPOINT: the container runs the base image's default command (python3), not the server. Add {suggestion}",
      fr: "Ni CMD ni ENTRYPOINT : le conteneur exécute la commande par défaut de l'image de base (python3), pas le serveur. Ajoutez {suggestion}",
    },
  },
  check({ dockerfile, params }) {
    const command = effectiveCommand(dockerfile.steps);
    const parts = [command.entrypoint, command.cmd].filter((p): p is CommandPart => p !== undefined);
    if (parts.length === 0)
      return [
        { messageId: "execForm.noCommand", severity: "problem", data: { suggestion: expectedCmd(params) } },
      ];
    return parts.map(judge);
  },
};

function judge(part: CommandPart): RuleFinding {
  const { step } = part;
  const base = { keyword: step.keyword, line: step.line, found: `${step.keyword} ${step.text}` };
  const at = step.line;
  if (step.brokenJson) {
    const data = { ...base, suggestion: execFormOf(step.keyword, step.text) };
    return { messageId: "execForm.brokenJson", severity: "problem", line: at, data };
  }
  if (part.shellForm) {
    const data = { ...base, suggestion: execFormOf(step.keyword, step.text) };
    return { messageId: "execForm.shellForm", severity: "problem", line: at, data };
  }
  const script = shellScript(part.argv);
  const commands = script === undefined ? [] : splitShellScript(script);
  if (script !== undefined && !commands.some((c) => c.argv[0] === "exec")) {
    const suggestion = execFormOf(step.keyword, script);
    return {
      messageId: "execForm.shellWrapper",
      severity: "problem",
      line: at,
      data: { ...base, suggestion },
    };
  }
  return { messageId: "execForm.ok", severity: "ok", line: at, data: base };
}
