import { Type as T } from "@sinclair/typebox";
import { contextFilter, scanContext } from "../src/docker/build-context.js";
import { formatBytes } from "../src/format/bytes.js";
import { creditStatus, defineGrader, type Finding, type MessageId } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";

const DEFAULT_SAMPLES = [".git/HEAD", ".venv/pyvenv.cfg", "__pycache__/app.cpython-312.pyc"];

const messages = {
  present: { en: ".dockerignore is present.", fr: ".dockerignore est présent." },
  absent: {
    en: "No .dockerignore: everything in the folder is sent to the engine at every build, .git, .venv and caches included whenever they are there. Add a .dockerignore listing .git, .venv, __pycache__ and *.pyc.",
    fr: "Pas de .dockerignore : tout le contenu du dossier part vers le moteur à chaque build, .git, .venv et caches compris dès qu'ils sont là. Ajoutez un .dockerignore qui liste .git, .venv, __pycache__ et *.pyc.",
  },
  excluded: { en: "{path} is excluded from the context.", fr: "{path} est exclu du contexte." },
  notExcluded: {
    en: "{path} would be sent to the engine: expected the .dockerignore to exclude it. Add a line such as {suggestion}.",
    fr: "{path} serait envoyé au moteur : le .dockerignore devrait l'exclure. Ajoutez une ligne comme {suggestion}.",
  },
  gitOutside: {
    en: "{path} is not judged: the lab sits in {root}/, and the repository's .git is outside its build context.",
    fr: "{path} n'est pas jugé : le TP est dans {root}/, et le .git du dépôt est hors de son contexte de build.",
  },
  contextSmall: {
    en: "The build context sends {files} files ({size}).",
    fr: "Le contexte de build envoie {files} fichiers ({size}).",
  },
  contextLarge: {
    en: "The build context sends {files} files ({size}); expected at most {maxFiles} files and {maxSize}. Heaviest: {largest}. Exclude it in .dockerignore.",
    fr: "Le contexte de build envoie {files} fichiers ({size}) ; au plus {maxFiles} fichiers et {maxSize} attendus. Le plus lourd : {largest}. Excluez-le dans .dockerignore.",
  },
  noDockerfile: {
    en: "Not judged: there is no {file} in {where}, so there is no build context to judge and nothing to credit for it.",
    fr: "Non évalué : il n'y a pas de {file} dans {where}, donc pas de contexte de build à juger ni rien à créditer.",
  },
  unreadable: {
    en: ".dockerignore cannot be read ({reason}): Docker would ignore it. Make it a plain text file in the submission.",
    fr: ".dockerignore est illisible ({reason}) : Docker l'ignorerait. Faites-en un simple fichier texte du rendu.",
  },
} satisfies MessageCatalog;

type Id = MessageId<typeof messages>;

/**
 * `dockerignore`: the `.dockerignore` keeps what the image never needs out of the build context. Judged
 * without Docker, with Docker's own matching rules: sample paths the rules must exclude (whether or not
 * the repository holds them today), and what the context of this submission really sends.
 */
export default defineGrader({
  id: "dockerignore",
  description: {
    en: "The .dockerignore keeps VCS data, virtualenvs and caches out of the build context.",
    fr: "Le .dockerignore écarte du contexte de build l'historique git, les environnements virtuels et les caches.",
  },
  params: T.Object(
    {
      mustExclude: T.Array(T.String({ minLength: 1 }), {
        minItems: 1,
        default: DEFAULT_SAMPLES,
        description: "Sample paths (relative to the submission root) that the rules must exclude.",
      }),
      maxContextFiles: T.Integer({
        minimum: 1,
        default: 300,
        description: "The most files the context may send (a committed .venv sends thousands).",
      }),
      maxContextMb: T.Number({
        exclusiveMinimum: 0,
        default: 20,
        description: "The most megabytes the context may send.",
      }),
    },
    { additionalProperties: false },
  ),
  requires: ["repository"],
  messages,
  example: { mustExclude: DEFAULT_SAMPLES, maxContextFiles: 300, maxContextMb: 20 },
  async run(ctx, params) {
    // The build context is the Dockerfile's folder: without a Dockerfile there is none, and an empty
    // folder must not earn the "small context" share.
    const dockerfile = await ctx.files.locate("Dockerfile");
    if (!dockerfile.ok || dockerfile.kind !== "file")
      return {
        status: "skipped",
        findings: [
          {
            messageId: "noDockerfile",
            severity: "info",
            data: { file: "Dockerfile", where: ctx.submission.rootRel || "." },
          },
        ],
      };
    const findings: Finding<Id>[] = [];
    const read = await ctx.files.readText(".dockerignore", { maxBytes: 256 * 1024 });
    const missing = !read.ok && read.reason === "missing";
    if (read.ok) findings.push({ messageId: "present", severity: "ok" });
    else if (missing) findings.push({ messageId: "absent", severity: "problem", file: ".dockerignore" });
    else findings.push({ messageId: "unreadable", severity: "problem", data: { reason: read.reason } });
    const text = read.ok ? read.text : undefined;

    const filter = contextFilter(text);
    let passed = read.ok ? 1 : 0;
    let judged = 0;
    for (const sample of params.mustExclude) {
      // A lab kept in a sub-folder never has the repository's .git in its context: nothing to exclude.
      if (ctx.submission.rootRel !== "" && sample.split("/")[0] === ".git") {
        findings.push({
          messageId: "gitOutside",
          severity: "info",
          data: { path: sample, root: ctx.submission.rootRel },
        });
        continue;
      }
      judged++;
      if (filter.excluded(sample)) {
        passed++;
        findings.push({ messageId: "excluded", severity: "ok", data: { path: sample } });
      } else {
        findings.push({
          messageId: "notExcluded",
          severity: "problem",
          data: { path: sample, suggestion: suggestion(sample) },
        });
      }
    }

    // Scanned up to the build's own caps, so the figures are the real ones, then judged against the params.
    const { stats } = await scanContext(ctx.submission.root, {
      text,
      state: read.ok ? "present" : missing ? "absent" : "unreadable",
    });
    const small = stats.files <= params.maxContextFiles && stats.bytes <= params.maxContextMb * 1_000_000;
    const data = {
      files: stats.files,
      size: formatBytes(stats.bytes),
      maxFiles: params.maxContextFiles,
      maxSize: formatBytes(params.maxContextMb * 1_000_000),
      largest: heaviest(stats.largest),
    };
    if (small) {
      passed++;
      findings.push({ messageId: "contextSmall", severity: "ok", data });
    } else {
      findings.push({ messageId: "contextLarge", severity: "problem", data });
    }

    const total = judged + 2;
    const credit = passed / total;
    return {
      status: creditStatus(credit),
      credit,
      findings,
      details: { contextFiles: stats.files, contextBytes: stats.bytes, largest: stats.largest.slice(0, 5) },
    };
  },
});

/** The top-level entries that weigh most, by file count (a .venv) and by bytes (media): both matter. */
function heaviest(entries: ReadonlyArray<{ path: string; bytes: number; files: number }>): string {
  const byFiles = [...entries].sort((a, b) => b.files - a.files).slice(0, 2);
  const byBytes = [...entries].sort((a, b) => b.bytes - a.bytes).slice(0, 2);
  const picked = [...new Set([...byFiles, ...byBytes])];
  if (picked.length === 0) return "-";
  return picked.map((e) => `${e.path} (${e.files}, ${formatBytes(e.bytes)})`).join(", ");
}

/** The .dockerignore line that excludes a sample path: its first segment. */
function suggestion(sample: string): string {
  const first = sample.split("/")[0] ?? sample;
  return first.endsWith(".pyc") ? "*.pyc" : first;
}
