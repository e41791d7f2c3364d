// Plain JavaScript that any Node.js can run: the launcher checks the version before loading the CLI,
// whose dependencies need Node.js 22 (older versions fail deep inside them with a stack trace).

/** The oldest Node.js major version dockgrade runs on (package.json `engines`). */
export const REQUIRED_MAJOR = 22;

/** Null when `version` (for example "v20.11.1" or "22.3.0") is recent enough, else the message to print. */
export function nodeVersionProblem(version, env) {
  const major = Number(String(version).replace(/^v/, "").split(".")[0]);
  if (Number.isInteger(major) && major >= REQUIRED_MAJOR) return null;
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || "").toLowerCase();
  const shown = String(version).startsWith("v") ? version : `v${version}`;
  if (locale.startsWith("en")) {
    return [
      `dockgrade needs Node.js ${REQUIRED_MAJOR} or newer; this is Node.js ${shown}.`,
      `Install Node.js ${REQUIRED_MAJOR} (https://nodejs.org, or \`nvm install ${REQUIRED_MAJOR}\`), or run it through npm`,
      "in the dockgrade folder (`npx dockgrade …`, `npm run demo`): npm scripts use the Node.js 22 that `npm ci` installs.",
    ].join("\n");
  }
  return [
    `dockgrade a besoin de Node.js ${REQUIRED_MAJOR} ou plus récent ; celui-ci est Node.js ${shown}.`,
    `Installez Node.js ${REQUIRED_MAJOR} (https://nodejs.org, ou \`nvm install ${REQUIRED_MAJOR}\`), ou lancez-le via npm`,
    "dans le dossier de dockgrade (`npx dockgrade …`, `npm run demo`) : les scripts npm utilisent le Node.js 22 que `npm ci` installe.",
  ].join("\n");
}
