import type { AnyGrader, GraderRegistry } from "../src/grader/contract.js";
import build from "./build.js";
import claims from "./claims.js";
import dockerfile from "./dockerfile.js";
import dockerignore from "./dockerignore.js";
import evidence from "./evidence.js";
import exec from "./exec.js";
import files from "./files.js";
import http from "./http.js";
import imageConfig from "./image-config.js";
import imageSize from "./image-size.js";
import layers from "./layers.js";
import lifecycle from "./lifecycle.js";
import quiz from "./quiz.js";
import reportSection from "./report-section.js";
import screenshots from "./screenshots.js";
import tags from "./tags.js";
import volume from "./volume.js";

/** The one registry of graders, sorted by id. Adding a grader: its file, its tests, one line here. */
const graders: AnyGrader[] = [
  build,
  claims,
  dockerfile,
  dockerignore,
  evidence,
  exec,
  files,
  http,
  imageConfig,
  imageSize,
  layers,
  lifecycle,
  quiz,
  reportSection,
  screenshots,
  tags,
  volume,
];

export const registry: GraderRegistry = new Map(
  [...graders].sort((a, b) => a.id.localeCompare(b.id)).map((grader) => [grader.id, grader]),
);
