import { shellScript, splitShellScript } from "../../../src/analysis/shell-command.js";
import { type CommandPart, effectiveCommand } from "../command.js";
import type { DockerfileRule, RuleFinding } from "../rule.js";
import { execFormOf, expectedCmd } from "../suggest.js";

/**
 * DF006: the CMD and ENTRYPOINT that take effect (the last of each) are in JSON exec form, so the server
 * itself is PID 1 and gets `docker stop`'s SIGTERM. A static rule cannot know the base's shell: Debian's
 * `/bin/sh -c` stays PID 1 and keeps the signal (docker stop then kills, exit 137), busybox's execs the
 * last command. Its messages word that as the risk it is; the lifecycle check measures the outcome.
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
      en: "{keyword} is in shell form ({found}): Docker runs it through /bin/sh -c. Where that shell stays PID 1 with the server as its child (Debian's sh, the one in python:3.12-slim, does), SIGTERM never reaches the server, and docker stop waits its grace period and then kills the container (exit code 137); the check that stops the container measures what this image does. Exec form avoids the risk on every base: {suggestion}",
      fr: "{keyword} est en forme shell ({found}) : Docker le lance via /bin/sh -c. Là où ce shell reste PID 1 avec le serveur comme enfant (c'est le cas du sh de Debian, celui de python:3.12-slim), SIGTERM n'atteint jamais le serveur, et docker stop attend son délai de grâce puis tue le conteneur (code de sortie 137) ; la vérification de l'arrêt mesure ce que fait cette image. La forme exec évite ce risque sur toutes les bases : {suggestion}",
    },
    "execForm.brokenJson": {
      en: "{keyword} looks like a JSON array but is not valid JSON ({found}), so Docker silently runs it in shell form through /bin/sh -c, with the same risk as any shell form: a shell as PID 1 that keeps SIGTERM from the server. JSON needs double quotes: {suggestion}",
      fr: "{keyword} ressemble à un tableau JSON mais n'est pas du JSON valide ({found}) : Docker le lance donc en forme shell via /bin/sh -c, avec le même risque que toute forme shell, un shell en PID 1 qui garde SIGTERM pour lui. Le JSON exige des guillemets doubles : {suggestion}",
    },
    "execForm.shellWrapper": {
      en: "{keyword} starts the server through a shell ({found}) without exec: where that shell stays PID 1 (Debian's sh does), it does not forward SIGTERM, and docker stop ends in a kill after its grace period (exit code 137); the check that stops the container measures what this image does. Call the server directly ({suggestion}) or write exec before it in the script.",
      fr: "{keyword} lance le serveur via un shell ({found}) sans exec : là où ce shell reste PID 1 (c'est le cas du sh de Debian), il ne transmet pas SIGTERM, et docker stop finit par tuer le conteneur après son délai de grâce (code 137) ; la vérification de l'arrêt mesure ce que fait cette image. Appelez directement le serveur ({suggestion}) ou écrivez exec devant lui dans le script.",
    },
    "execForm.noCommand": {
      en: "No CMD nor ENTRYPOINT: the container runs the base image's default command (python3 for the python images), not the server. Add {suggestion}",
      fr: "Ni CMD ni ENTRYPOINT : le conteneur exécute la commande par défaut de l'image de base (python3 pour les images python), pas le serveur. Ajoutez {suggestion}",
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
