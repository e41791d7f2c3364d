import type { AnyGrader, GraderRegistry } from "../src/grader/contract.js";
import build from "./build.js";
import dockerfile from "./dockerfile.js";
import evidence from "./evidence.js";
import files from "./files.js";
import quiz from "./quiz.js";
import reportSection from "./report-section.js";
import screenshots from "./screenshots.js";

/** The one registry of graders, sorted by id. Adding a grader: its file, its tests, one line here. */
const graders: AnyGrader[] = [build, dockerfile, evidence, files, quiz, reportSection, screenshots];

export const registry: GraderRegistry = new Map(
  [...graders].sort((a, b) => a.id.localeCompare(b.id)).map((grader) => [grader.id, grader]),
);
