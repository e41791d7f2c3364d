import { type ContextCopy, contextCopies, contextPath } from "../copies.js";
import { type PipInstall, pipInstalls } from "../pip.js";
import type { DockerfileRule, RuleFinding, RuleInput } from "../rule.js";

/**
 * DF003: the requirements file is copied alone and installed before the code is copied, so that a code
 * change does not invalidate the cached dependency layer; installing from a file never copied fails the
 * build.
 */
export const requirementsFirst: DockerfileRule = {
  id: "requirements-first",
  code: "DF003",
  messages: {
    "requirementsFirst.ok": {
      en: "{requirements} is copied (line {copyLine}) and installed (line {pipLine}) before the code: a code change reuses the cached dependency layer.",
      fr: "{requirements} est copié (ligne {copyLine}) et installé (ligne {pipLine}) avant le code : une modification du code réutilise la couche des dépendances en cache.",
    },
    "requirementsFirst.noPip": {
      en: "No `pip install -r {requirements}`: the dependencies (Flask, Gunicorn) are not installed in the image. Add `COPY {requirements} .` then `RUN pip install --no-cache-dir -r {requirements}` before copying the code.",
      fr: "Aucun `pip install -r {requirements}` : les dépendances (Flask, Gunicorn) ne sont pas installées dans l'image. Ajoutez `COPY {requirements} .` puis `RUN pip install --no-cache-dir -r {requirements}` avant de copier le code.",
    },
    "requirementsFirst.notFromFile": {
      en: "pip installs packages named on the command line ({found}) instead of reading {requirements}: the image can drift from the dependencies the project lists. Use `RUN pip install --no-cache-dir -r {requirements}`.",
      fr: "pip installe des paquets nommés sur la ligne de commande ({found}) au lieu de lire {requirements} : l'image peut diverger des dépendances listées par le projet. Utilisez `RUN pip install --no-cache-dir -r {requirements}`.",
    },
    "requirementsFirst.otherFile": {
      en: "pip reads {found}, but the project's requirements file is {requirements}. Install from it: `pip install -r {requirements}`.",
      fr: "pip lit {found}, alors que le fichier de dépendances du projet est {requirements}. Installez à partir de celui-ci : `pip install -r {requirements}`.",
    },
    "requirementsFirst.notCopied": {
      en: "`pip install -r {requirements}` runs at line {pipLine}, but {requirements} has not been copied into the image yet: the build stops with « No such file or directory ». Add `COPY {requirements} .` above line {pipLine}.",
      fr: "`pip install -r {requirements}` s'exécute ligne {pipLine}, mais {requirements} n'a pas encore été copié dans l'image : le build s'arrête sur « No such file or directory ». Ajoutez `COPY {requirements} .` au-dessus de la ligne {pipLine}.",
    },
    "requirementsFirst.copyCase": {
      en: "Line {copyLine} copies {found} but pip reads {requirements} (line {pipLine}): file names are case-sensitive in a Linux image, so pip will not find it. Use the same name, {requirements}, for the file and in both instructions.",
      fr: "La ligne {copyLine} copie {found} mais pip lit {requirements} (ligne {pipLine}) : les noms de fichiers respectent la casse dans une image Linux, pip ne le trouvera pas. Utilisez le même nom, {requirements}, pour le fichier et dans les deux instructions.",
    },
    "requirementsFirst.sourceCase": {
      en: "Line {copyLine} copies {requirements} but the repository holds {found}: the build context is case-sensitive, so the build stops with « not found ». Rename the file to {requirements} (git mv).",
      fr: "La ligne {copyLine} copie {requirements} mais le dépôt contient {found} : le contexte de build respecte la casse, le build s'arrête sur « not found ». Renommez le fichier en {requirements} (git mv).",
    },
    "requirementsFirst.sourceMissing": {
      en: "Line {copyLine} copies {requirements}, which is not in the build context (the Dockerfile's folder): the build stops with « not found ». Commit {requirements} next to the Dockerfile.",
      fr: "La ligne {copyLine} copie {requirements}, absent du contexte de build (le dossier du Dockerfile) : le build s'arrête sur « not found ». Committez {requirements} à côté du Dockerfile.",
    },
    "requirementsFirst.codeFirst": {
      en: "Line {codeLine} copies the code ({found}) before pip install (line {pipLine}): any change to the code invalidates Docker's cache from that COPY on, so the dependencies are downloaded and installed again at every build. Copy {requirements} alone first, run pip install, then copy the code.",
      fr: "La ligne {codeLine} copie le code ({found}) avant pip install (ligne {pipLine}) : toute modification du code invalide le cache de Docker à partir de cette COPY, et les dépendances sont retéléchargées et réinstallées à chaque build. Copiez d'abord {requirements} seul, lancez pip install, puis copiez le code.",
    },
  },
  check(input) {
    const { dockerfile, params } = input;
    const requirements = params.requirements;
    const installs = pipInstalls(dockerfile.steps);
    const pip = installs.find((p) => p.requirements.some((file) => sameFile(file, requirements)));
    if (!pip) return [missingInstall(installs, requirements)];
    const data = { requirements, pipLine: pip.step.line };
    const before = contextCopies(dockerfile.steps, requirements).filter((c) => c.index < pip.index);
    const findings: RuleFinding[] = [];
    const copy = before.find((c) => c.requirements);
    if (!copy) {
      const cased = before.find((c) => c.requirementsCase !== undefined);
      findings.push(
        cased
          ? problem("copyCase", cased.step.line, {
              ...data,
              copyLine: cased.step.line,
              found: cased.requirementsCase,
            })
          : problem("notCopied", pip.step.line, data),
      );
    } else {
      const missing = sourceProblem(copy, input);
      if (missing) findings.push(missing);
    }
    const code = before.find((c) => c.code);
    if (code) {
      const found = `${code.step.keyword} ${code.step.text}`;
      findings.push(problem("codeFirst", code.step.line, { ...data, codeLine: code.step.line, found }));
    }
    if (findings.length > 0) return findings;
    const ok = { ...data, copyLine: copy?.step.line };
    return [{ messageId: "requirementsFirst.ok", severity: "ok", line: pip.step.line, data: ok }];
  },
};

/** `-r requirements.txt`, `-r ./requirements.txt` and `-r /app/requirements.txt` all read the wanted file. */
function sameFile(file: string, wanted: string): boolean {
  const path = contextPath(file);
  const target = contextPath(wanted);
  return path === target || path.endsWith(`/${target}`);
}

function missingInstall(installs: PipInstall[], requirements: string): RuleFinding {
  const first = installs[0];
  if (!first) return problem("noPip", undefined, { requirements });
  const other = installs.find((p) => p.requirements.length > 0);
  if (other)
    return problem("otherFile", other.step.line, {
      requirements,
      found: `-r ${other.requirements.join(" -r ")}`,
    });
  return problem("notFromFile", first.step.line, { requirements, found: first.command });
}

/** The COPY names the requirements file as the repository does not have it (only known with a listing). */
function sourceProblem(copy: ContextCopy, { params, contextFiles }: RuleInput): RuleFinding | undefined {
  if (!contextFiles || copy.whole) return undefined;
  const wanted = contextPath(params.requirements);
  const named = copy.sources.some((s) => contextPath(s) === wanted);
  if (!named || contextFiles.includes(wanted)) return undefined;
  const data = { requirements: params.requirements, copyLine: copy.step.line };
  const cased = contextFiles.find((f) => f.toLowerCase() === wanted.toLowerCase());
  return cased
    ? problem("sourceCase", copy.step.line, { ...data, found: cased })
    : problem("sourceMissing", copy.step.line, data);
}

function problem(id: string, line: number | undefined, data: RuleFinding["data"]): RuleFinding {
  return { messageId: `requirementsFirst.${id}`, severity: "problem", line, data };
}
