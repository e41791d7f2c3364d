import { type Static, Type as T } from "@sinclair/typebox";
import { PatternString } from "../text/pattern.js";

/**
 * How a command's output is recognised in the report: by an image whose caption names the command, or
 * by a code block (or one command's part of it) that has the output's shape.
 */
export const CommandEvidenceSchema = T.Object(
  {
    id: T.String({ pattern: "^[a-z0-9][a-z0-9._-]*$", description: "Stable id of the command." }),
    label: T.String({ minLength: 1, description: "The command as students type it, shown in messages." }),
    weight: T.Number({ exclusiveMinimum: 0, default: 1, description: "Share of the check's credit." }),
    caption: PatternString({
      description:
        "Regex over an image's caption (alt text, nearest sub-heading, the item or paragraph around or just before it; normalised: lower case, no accents) that names the command.",
    }),
    output: T.Array(PatternString(), {
      minItems: 1,
      description:
        "Regexes (case-insensitive, multi-line: ^ and $ match at line ends) that must all match one command's output in a code block.",
    }),
    marks: T.Array(PatternString(), {
      default: [],
      description:
        "If given, one of these must also match the output, its command line or the caption (e.g. `-a` or `Exited (` for docker ps -a).",
    }),
    excludes: T.Array(PatternString(), {
      default: [],
      description:
        "Regexes that must not match (an output that is another command's, e.g. docker ps -a for docker ps).",
    }),
  },
  { additionalProperties: false },
);
export type CommandEvidence = Static<typeof CommandEvidenceSchema>;

const PS_HEADER = "CONTAINER ID\\s+IMAGE\\s+COMMAND\\s+CREATED\\s+STATUS";
const PS_ALL = "docker\\s+(container\\s+)?(ps|ls)\\b[^\\n]*\\s(-a|--all)\\b";
const EXITED = "\\bExited \\(";

/** The six commands of Etape 1 (Discover the engine), as Docker 20 to 28 print them. */
export const DEFAULT_COMMANDS: CommandEvidence[] = [
  {
    id: "version",
    label: "docker version",
    weight: 1,
    caption: "\\bdocker\\s+version\\b",
    output: [
      "^\\s*Client\\b[^\\n]*:",
      "^\\s*Server\\b[^\\n]*:",
      "^\\s*Version:",
      "^\\s*(API version|Go version|Git commit|OS/Arch):",
    ],
    marks: [],
    excludes: [],
  },
  {
    id: "info",
    label: "docker info",
    weight: 1,
    caption: "\\bdocker\\s+(system\\s+)?info\\b",
    output: [
      "^\\s*Client\\b[^\\n]*:",
      "^\\s*Server\\b[^\\n]*:",
      "^\\s*(Containers|Images|Storage Driver|Docker Root Dir|Server Version):",
    ],
    marks: [],
    excludes: [],
  },
  {
    id: "ps",
    label: "docker ps",
    weight: 1,
    caption: "\\bdocker\\s+(container\\s+)?(ps|ls)\\b(?!\\s+(-a|--all)\\b)",
    output: [PS_HEADER],
    marks: [],
    excludes: [PS_ALL, EXITED],
  },
  {
    id: "ps-a",
    label: "docker ps -a",
    weight: 1,
    caption: "\\bdocker\\s+(container\\s+)?(ps|ls)\\s+(-a|--all)\\b",
    output: [PS_HEADER],
    marks: [PS_ALL, EXITED, "\\bdocker\\s+(container\\s+)?(ps|ls)\\s+(-a|--all)\\b"],
    excludes: [],
  },
  {
    id: "image-ls",
    label: "docker image ls",
    weight: 1,
    caption: "\\bdocker\\s+(image\\s+(ls|list)|images)\\b",
    output: ["REPOSITORY\\s+TAG\\s+IMAGE ID|^IMAGE\\s+ID\\s+DISK USAGE"],
    marks: [],
    excludes: [],
  },
  {
    id: "volume-ls",
    label: "docker volume ls",
    weight: 1,
    caption: "\\bdocker\\s+volume\\s+(ls|list)\\b",
    output: ["DRIVER\\s+VOLUME NAME"],
    marks: [],
    excludes: [],
  },
];
