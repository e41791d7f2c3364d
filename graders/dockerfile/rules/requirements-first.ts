import type { DfInstruction, ParsedDockerfile } from "../../../src/dockerfile/parse.js";
import { type ContextCopy, contextCopies, contextPath } from "../copies.js";
import { type PipInstall, pipInstalls } from "../pip.js";
import type { DockerfileRule, RuleFinding } from "../rule.js";

/**
 * DF003: the requirements file is copied alone and installed before the code is copied, so that a code
 * change does not invalidate the cached dependency layer; installing from a file never copied fails the
 * build. Its subject is the order of the instructions: the file it follows is the one pip reads (a
 * misspelled name is judged under that name), in the final stage or in a builder stage the final image
 * copies from; a file missing from the repository is only a note here (other checks judge the files).
 */
export const requirementsFirst: DockerfileRule = {
  id: "requirements-first",
  code: "DF003",
  messages: {
    "requirementsFirst.ok": {
      en: "The Dockerfile copies {requirements} (line {copyLine}) and installs it (line {pipLine}) before copying the code: a code change reuses the cached dependency layer.",
      fr: "Le Dockerfile copie {requirements} (ligne {copyLine}) et l'installe (ligne {pipLine}) avant de copier le code : une modification du code réutilise la couche des dépendances en cache.",
    },
    "requirementsFirst.noPip": {
      en: "No `pip install -r {requirements}` in any stage of the Dockerfile: nothing installs the project's dependencies (Flask, Gunicorn) into the image. Add `COPY {requirements} .` then `RUN pip install --no-cache-dir -r {requirements}` before copying the code.",
      fr: "Aucun `pip install -r {requirements}` dans aucune étape du Dockerfile : rien n'installe les dépendances du projet (Flask, Gunicorn) dans l'image. Ajoutez `COPY {requirements} .` puis `RUN pip install --no-cache-dir -r {requirements}` avant de copier le code.",
    },
    "requirementsFirst.notFromFile": {
      en: "pip installs packages named on the command line ({found}) instead of reading {requirements}: the image can drift from the dependencies the project lists. Use `RUN pip install --no-cache-dir -r {requirements}`.",
      fr: "pip installe des paquets nommés sur la ligne de commande ({found}) au lieu de lire {requirements} : l'image peut diverger des dépendances listées par le projet. Utilisez `RUN pip install --no-cache-dir -r {requirements}`.",
    },
    "requirementsFirst.otherName": {
      en: "pip installs from {requirements} (line {pipLine}), so this rule follows that file; the assignment calls it {expected}. Only the order of the instructions is judged here.",
      fr: "pip installe à partir de {requirements} (ligne {pipLine}) : cette règle suit donc ce fichier ; le sujet le nomme {expected}. Seul l'ordre des instructions est évalué ici.",
    },
    "requirementsFirst.inStage": {
      en: "The dependencies are installed in build stage {stage} (line {pipLine}), and the final image takes files from it with COPY --from (line {copyFromLine}): the order is judged within that stage.",
      fr: "Les dépendances sont installées dans l'étape de build {stage} (ligne {pipLine}), et l'image finale en reprend des fichiers avec COPY --from (ligne {copyFromLine}) : l'ordre est évalué dans cette étape.",
    },
    "requirementsFirst.notCopied": {
      en: '`pip install -r {requirements}` runs at line {pipLine}, but {requirements} has not been copied into the image yet: the build stops with "No such file or directory". Add `COPY {requirements} .` above line {pipLine}.',
      fr: "`pip install -r {requirements}` s'exécute ligne {pipLine}, mais {requirements} n'a pas encore été copié dans l'image : le build s'arrête sur « No such file or directory ». Ajoutez `COPY {requirements} .` au-dessus de la ligne {pipLine}.",
    },
    "requirementsFirst.copyCase": {
      en: "Line {copyLine} copies {found} but pip reads {requirements} (line {pipLine}): file names are case-sensitive in a Linux image, so pip will not find it. Use the same name, {requirements}, for the file and in both instructions.",
      fr: "La ligne {copyLine} copie {found} mais pip lit {requirements} (ligne {pipLine}) : les noms de fichiers respectent la casse dans une image Linux, pip ne le trouvera pas. Utilisez le même nom, {requirements}, pour le fichier et dans les deux instructions.",
    },
    "requirementsFirst.sourceCase": {
      en: "Line {copyLine} copies {requirements}, and the repository holds {found} instead: in a build, names are case-sensitive. That file name is not this rule's subject (it judges the order of the instructions), so it costs nothing here.",
      fr: "La ligne {copyLine} copie {requirements}, et le dépôt contient {found} à la place : dans un build, les noms respectent la casse. Ce nom de fichier n'est pas le sujet de cette règle (elle évalue l'ordre des instructions) : il ne coûte rien ici.",
    },
    "requirementsFirst.sourceMissing": {
      en: "Line {copyLine} copies {requirements}, which is not in the build context (the Dockerfile's folder). That missing file is not this rule's subject (it judges the order of the instructions), so it costs nothing here.",
      fr: "La ligne {copyLine} copie {requirements}, absent du contexte de build (le dossier du Dockerfile). Ce fichier manquant n'est pas le sujet de cette règle (elle évalue l'ordre des instructions) : il ne coûte rien ici.",
    },
    "requirementsFirst.codeFirst": {
      en: "Line {codeLine} copies the code ({found}) before pip install (line {pipLine}): any change to the code invalidates Docker's cache from that COPY on, so the dependencies are downloaded and installed again at every build. Copy {requirements} alone first, run pip install, then copy the code.",
      fr: "La ligne {codeLine} copie le code ({found}) avant pip install (ligne {pipLine}) : toute modification du code invalide le cache de Docker à partir de cette COPY, et les dépendances sont retéléchargées et réinstallées à chaque build. Copiez d'abord {requirements} seul, lancez pip install, puis copiez le code.",
    },
  },
  check(input) {
    const { dockerfile, params } = input;
    const found = findInstall(dockerfile, params.requirements);
    if (!found.pip) return [missingInstall(found.installs, params.requirements)];
    const { pip, steps, stage, file } = found;
    const requirements = file;
    const data = { requirements, pipLine: pip.step.line };
    const notes: RuleFinding[] = [];
    if (stage) {
      const copyFrom = dockerfile.steps.find((s) => s.keyword === "COPY" && s.flags.from);
      notes.push({
        messageId: "requirementsFirst.inStage",
        severity: "info",
        line: pip.step.line,
        data: { stage, pipLine: pip.step.line, copyFromLine: copyFrom?.line ?? "?" },
      });
    }
    if (requirements !== contextPath(params.requirements))
      notes.push({
        messageId: "requirementsFirst.otherName",
        severity: "info",
        line: pip.step.line,
        data: { ...data, expected: params.requirements },
      });
    const before = contextCopies(steps, requirements).filter((c) => c.index < pip.index);
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
      const elsewhere = sourceNote(copy, requirements, input.contextFiles);
      if (elsewhere) notes.push(elsewhere);
    }
    const code = before.find((c) => c.code);
    if (code) {
      const found = `${code.step.keyword} ${code.step.text}`;
      findings.push(problem("codeFirst", code.step.line, { ...data, codeLine: code.step.line, found }));
    }
    if (findings.length > 0) return [...notes, ...findings];
    const ok = { ...data, copyLine: copy?.step.line };
    return [...notes, { messageId: "requirementsFirst.ok", severity: "ok", line: pip.step.line, data: ok }];
  },
};

interface Found {
  pip?: PipInstall;
  /** The steps the install was found in: the final image's, or a builder stage's lineage. */
  steps: readonly DfInstruction[];
  /** The builder stage's name, when the install is not in the final image's own stages. */
  stage?: string;
  /** The requirements file pip reads, as a build-context path. */
  file: string;
  /** Every pip install seen, for the message when none reads a requirements file. */
  installs: PipInstall[];
}

/**
 * The `pip install -r` to judge: one reading the expected file, else one reading another file (a
 * misspelled `requirments.txt` is judged under its own name: the name is not this rule's subject), in the
 * final image's stages first, then in the builder stages it copies from.
 */
function findInstall(dockerfile: ParsedDockerfile, expected: string): Found {
  const places = [
    { steps: dockerfile.steps, stage: undefined as string | undefined },
    ...dockerfile.builders.map((b) => ({ steps: b.steps, stage: b.stage.alias ?? String(b.stage.index) })),
  ].map((place) => ({ ...place, installs: pipInstalls(place.steps) }));
  const installs = places.flatMap((place) => place.installs);
  for (const wanted of [(file: string) => sameFile(file, expected), () => true]) {
    for (const place of places) {
      for (const pip of place.installs) {
        const file = pip.requirements.find(wanted);
        if (file === undefined) continue;
        const name = sameFile(file, expected) ? contextPath(expected) : requirementsName(file);
        return { pip, steps: place.steps, stage: place.stage, file: name, installs };
      }
    }
  }
  return { steps: dockerfile.steps, file: contextPath(expected), installs };
}

/** `-r /app/requirments.txt` names the copy of `requirments.txt`; a relative path is a context path. */
function requirementsName(file: string): string {
  return file.startsWith("/") ? (file.split("/").at(-1) ?? file) : contextPath(file);
}

/** `-r requirements.txt`, `-r ./requirements.txt` and `-r /app/requirements.txt` all read the wanted file. */
function sameFile(file: string, wanted: string): boolean {
  const path = contextPath(file);
  const target = contextPath(wanted);
  return path === target || path.endsWith(`/${target}`);
}

function missingInstall(installs: PipInstall[], requirements: string): RuleFinding {
  const first = installs[0];
  if (!first) return problem("noPip", undefined, { requirements });
  return problem("notFromFile", first.step.line, { requirements, found: first.command });
}

/**
 * The COPY names a file the repository does not hold under that name (known only with a listing). Not
 * this rule's subject (the order of the instructions): a note, never a second charge for one mistake.
 */
function sourceNote(
  copy: ContextCopy,
  requirements: string,
  contextFiles: readonly string[] | undefined,
): RuleFinding | undefined {
  if (!contextFiles || copy.whole) return undefined;
  const named = copy.sources.some((s) => contextPath(s) === requirements);
  if (!named || contextFiles.includes(requirements)) return undefined;
  const cased = contextFiles.find((f) => f.toLowerCase() === requirements.toLowerCase());
  const data = { requirements, copyLine: copy.step.line, ...(cased ? { found: cased } : {}) };
  return {
    messageId: cased ? "requirementsFirst.sourceCase" : "requirementsFirst.sourceMissing",
    severity: "info",
    line: copy.step.line,
    data,
  };
}

function problem(id: string, line: number | undefined, data: RuleFinding["data"]): RuleFinding {
  return { messageId: `requirementsFirst.${id}`, severity: "problem", line, data };
}
