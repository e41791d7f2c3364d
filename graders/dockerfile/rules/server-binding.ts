import { bindMatches, parseBindAddress } from "../../../src/analysis/bind-address.js";
import { analyzeServerCommand, type ServerCommand } from "../../../src/analysis/server-command.js";
import { splitShellScript } from "../../../src/analysis/shell-command.js";
import { imageEnvironment } from "../../../src/dockerfile/environment.js";
import { effectiveCommand } from "../command.js";
import type { DockerfileRule, RuleFinding } from "../rule.js";
import { bindOption, expectedCmd } from "../suggest.js";

const DEFAULTS: Record<string, string> = { gunicorn: "127.0.0.1:8000", "flask-dev": "127.0.0.1:5000" };

/**
 * DF007: the command the container starts (last ENTRYPOINT + last CMD, with the image's ENV) runs the
 * expected server bound to the expected address, read by the same analysis that judges `docker inspect`.
 */
export const serverBinding: DockerfileRule = {
  id: "server-binding",
  code: "DF007",
  messages: {
    "serverBinding.ok": {
      en: "The container starts {program} listening on {found} ({command}).",
      fr: "Le conteneur lance {program} en écoute sur {found} ({command}).",
    },
    "serverBinding.okScript": {
      en: "The container runs {command}, as expected.",
      fr: "Le conteneur exécute {command}, comme attendu.",
    },
    "serverBinding.noCommand": {
      en: "No CMD nor ENTRYPOINT: the container runs the base image's default command (python3 for the python images), not the server. Add {expected}",
      fr: "Ni CMD ni ENTRYPOINT : le conteneur exécute la commande par défaut de l'image de base (python3 pour les images python), pas le serveur. Ajoutez {expected}",
    },
    "serverBinding.cmdIgnored": {
      en: 'ENTRYPOINT is in shell form (line {line}), so Docker ignores CMD (line {cmdLine}) and the server never gets its arguments. Write ENTRYPOINT as a JSON array, for example ENTRYPOINT ["gunicorn"].',
      fr: 'ENTRYPOINT est en forme shell (ligne {line}) : Docker ignore alors CMD (ligne {cmdLine}) et le serveur ne reçoit jamais ses arguments. Écrivez ENTRYPOINT en tableau JSON, par exemple ENTRYPOINT ["gunicorn"].',
    },
    "serverBinding.cmdShell": {
      en: 'ENTRYPOINT is in exec form but CMD (line {cmdLine}) is in shell form, so the entrypoint receives "/bin/sh -c ..." as its arguments instead of the options. Write CMD as a JSON array, for example CMD ["--bind", "{bind}", "app:app"].',
      fr: 'ENTRYPOINT est en forme exec mais CMD (ligne {cmdLine}) en forme shell : l\'entrypoint reçoit « /bin/sh -c ... » comme arguments au lieu des options. Écrivez CMD en tableau JSON, par exemple CMD ["--bind", "{bind}", "app:app"].',
    },
    "serverBinding.brokenJson": {
      en: '{keyword} (line {line}) is not valid JSON, so Docker hands the whole text to /bin/sh -c, which tries to run a program named "{word}": the server never starts. Write a JSON array with double quotes, for example {expected}',
      fr: "{keyword} (ligne {line}) n'est pas du JSON valide : Docker passe tout le texte à /bin/sh -c, qui cherche un programme nommé « {word} » ; le serveur ne démarre jamais. Écrivez un tableau JSON avec des guillemets doubles, par exemple {expected}",
    },
    "serverBinding.flaskDev": {
      en: "The container starts Flask's development server ({command}): one process, not made for production (Flask warns about it itself). Expected Gunicorn: {expected}",
      fr: "Le conteneur lance le serveur de développement de Flask ({command}) : un seul processus, non prévu pour la production (Flask l'affiche lui-même). Attendu : Gunicorn, {expected}",
    },
    "serverBinding.pythonScript": {
      en: "The container runs a Python script ({command}), not Gunicorn: a Flask app started this way is served by app.run(), Flask's development server. Expected: {expected}",
      fr: "Le conteneur exécute un script Python ({command}), pas Gunicorn : une application Flask lancée ainsi est servie par app.run(), le serveur de développement de Flask. Attendu : {expected}",
    },
    "serverBinding.otherServer": {
      en: "The container starts {command}, not the expected server ({server}). Expected: {expected}",
      fr: "Le conteneur lance {command}, pas le serveur attendu ({server}). Attendu : {expected}",
    },
    "serverBinding.noBind": {
      en: "{command} gives no address, so {program} listens on its default, {found}: a loopback address, reachable only from inside the container, so docker run -p reaches nothing. Expected {bind}: add {fix}.",
      fr: "{command} ne donne pas d'adresse : {program} écoute alors sur sa valeur par défaut, {found}, une adresse de bouclage joignable seulement depuis l'intérieur du conteneur ; docker run -p n'atteint rien. Attendu {bind} : ajoutez {fix}.",
    },
    "serverBinding.loopback": {
      en: "The server listens on {found}, a loopback address reachable only from inside the container: connections through docker run -p cannot reach it. Expected {bind}: use {fix}.",
      fr: "Le serveur écoute sur {found}, une adresse de bouclage joignable seulement depuis l'intérieur du conteneur : les connexions passant par docker run -p ne peuvent pas l'atteindre. Attendu {bind} : utilisez {fix}.",
    },
    "serverBinding.wrongHost": {
      en: "The server listens on {found}, expected {bind}. Use {fix}.",
      fr: "Le serveur écoute sur {found}, attendu {bind}. Utilisez {fix}.",
    },
    "serverBinding.wrongPort": {
      en: "The server listens on port {foundPort} ({found}) but port {port} is expected (EXPOSE and docker run -p {port}:{port}). Use {fix}.",
      fr: "Le serveur écoute sur le port {foundPort} ({found}) alors que le port {port} est attendu (EXPOSE et docker run -p {port}:{port}). Utilisez {fix}.",
    },
    "serverBinding.unexpanded": {
      en: "The address {found} holds a variable, but Docker does not expand variables in exec form: the server receives the text as it is and refuses it. Write the address literally: {fix}.",
      fr: "L'adresse {found} contient une variable, mais Docker ne remplace pas les variables en forme exec : le serveur reçoit ce texte tel quel et le refuse. Écrivez l'adresse en clair : {fix}.",
    },
    "serverBinding.unsetVariable": {
      en: "The address {found} uses a variable that the image does not set (no ENV), so the shell replaces it with nothing and the server does not listen where expected. Write the address literally ({fix}) or set the variable with ENV.",
      fr: "L'adresse {found} utilise une variable que l'image ne définit pas (pas d'ENV) : le shell la remplace par du vide et le serveur n'écoute pas là où il faut. Écrivez l'adresse en clair ({fix}) ou définissez la variable avec ENV.",
    },
    "serverBinding.configFile": {
      en: "The address comes from a configuration file ({found}) that this check does not read. Put it on the command line: {fix}.",
      fr: "L'adresse vient d'un fichier de configuration ({found}) que cette vérification ne lit pas. Mettez-la sur la ligne de commande : {fix}.",
    },
    "serverBinding.notTcp": {
      en: "The server listens on {found}, not on a TCP address that docker run -p can publish. Use {fix}.",
      fr: "Le serveur écoute sur {found}, pas sur une adresse TCP que docker run -p peut publier. Utilisez {fix}.",
    },
  },
  check({ dockerfile, params }) {
    const effective = effectiveCommand(dockerfile.steps);
    const expected = expectedCmd(params);
    const line = effective.cmd?.step.line ?? effective.entrypoint?.step.line;
    const problem = (id: string, data: RuleFinding["data"] = {}): RuleFinding[] => [
      {
        messageId: `serverBinding.${id}`,
        severity: "problem",
        line,
        data: { expected, bind: params.bind, ...data },
      },
    ];
    if (effective.argv.length === 0) return problem("noCommand");
    const { entrypoint, cmd } = effective;
    if (entrypoint?.shellForm && cmd)
      return problem("cmdIgnored", { line: entrypoint.step.line, cmdLine: cmd.step.line });
    const broken = [entrypoint, cmd].find((part) => part?.step.brokenJson)?.step;
    if (broken && (broken === entrypoint?.step || !entrypoint)) {
      const word = splitShellScript(broken.text)[0]?.argv[0] ?? broken.text;
      return problem("brokenJson", { keyword: broken.keyword, line: broken.line, word });
    }
    if (entrypoint && !entrypoint.shellForm && cmd?.shellForm)
      return problem("cmdShell", { cmdLine: cmd.step.line });
    const server = analyzeServerCommand(effective.argv, { env: imageEnvironment(dockerfile.steps) });
    const command = server.command.join(" ");
    const data = { command, program: server.program };
    if (server.server !== params.server) {
      if (server.server === "flask-dev") return problem("flaskDev", data);
      if (server.server === "python-script") return problem("pythonScript", data);
      return problem("otherServer", { ...data, server: params.server });
    }
    if (params.server === "python-script")
      return [{ messageId: "serverBinding.okScript", severity: "ok", line, data: { command } }];
    return judgeBind(server, params.bind, params.port, bindOption(params), problem, line);
  },
};

function judgeBind(
  server: ServerCommand,
  bind: string,
  port: number,
  fix: string,
  problem: (id: string, data?: RuleFinding["data"]) => RuleFinding[],
  line: number | undefined,
): RuleFinding[] {
  const command = server.command.join(" ");
  const base = { command, program: server.program, fix };
  if (!server.bind) {
    const found = server.unreadableBind ?? "?";
    if (server.bindSource === "config-file") return problem("configFile", { ...base, found });
    const id = !found.includes("$") ? "notTcp" : server.shellForm ? "unsetVariable" : "unexpanded";
    return problem(id, { ...base, found });
  }
  const wanted = parseBindAddress(bind) ?? parseBindAddress(`0.0.0.0:${port}`);
  if (wanted && server.binds.some((b) => bindMatches(b, wanted))) return ok(server, line, server.bind.text);
  const actual = server.bind;
  if (server.bindSource === "default")
    return problem("noBind", { ...base, found: DEFAULTS[server.server] ?? actual.text });
  const findings: RuleFinding[] = [];
  const wantedPort = wanted?.port ?? port;
  if (wanted && !(wanted.allInterfaces ? actual.allInterfaces : actual.host === wanted.host))
    findings.push(...problem(actual.loopback ? "loopback" : "wrongHost", { ...base, found: actual.text }));
  if (actual.port !== wantedPort)
    findings.push(
      ...problem("wrongPort", { ...base, found: actual.text, foundPort: actual.port, port: wantedPort }),
    );
  return findings;
}

function ok(server: ServerCommand, line: number | undefined, found: string): RuleFinding[] {
  const data = { program: server.program, command: server.command.join(" "), found };
  return [{ messageId: "serverBinding.ok", severity: "ok", line, data }];
}
