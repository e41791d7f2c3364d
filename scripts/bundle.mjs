// `npm run build`, second step: bundles the command line (src/cli.ts, transpiled by esbuild as vitest does;
// tsc has type-checked it) into a few ES module files in dist/cli/, so a start loads 10 to 60 files instead
// of 750 to 1,100 (each module costs Node a resolution, a read and a compile) and TypeBox, ajv and yaml
// arrive tree-shaken. Code splitting keeps each command's lazy import(): `--version` still loads only the
// command-line parser and `rubric lint` no Docker client (src/cli-startup.test.ts checks both, mapping
// the files loaded back to their modules through dist/cli/meta.json).
//
// The Markdown worker and the module it loads are entries of their own (dist/cli/parse-worker.js,
// dist/cli/parse.js): parse-bounded.ts finds them with `new URL("./parse-worker.js", import.meta.url)`,
// and every chunk sits in the same folder. Files found by walking up from a module (package.json, rubrics/)
// are found from dist/cli/ as from dist/src/.
//
// bin/dockgrade.js runs the bundle when it is newer than dist/src/cli.js, else the modules tsc wrote: a
// `tsc` alone never leaves the launcher on a stale bundle, and without esbuild (a production-only install)
// the command line still runs, unbundled.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const outdir = new URL("dist/cli/", root);

/**
 * Loaded from node_modules when needed: testcontainers (only for engines other than a local socket), the
 * SSH client (native add-ons, only for ssh:// engines), gRPC and protobuf (BuildKit sessions, unused here).
 */
const EXTERNAL = [
  "testcontainers",
  "ssh2",
  "cpu-features",
  "@grpc/*",
  "protobufjs",
  "dockerode/lib/session.js",
  "dockerode/lib/buildkit.js",
];

/**
 * dockerode and docker-modem are bundled (about 70 CommonJS modules), with a few rewrites. Two of their
 * top-level requires are made lazy: dockerode's BuildKit session (gRPC, protobufjs: about 110 modules,
 * 0.1 s of CPU a start) and docker-modem's SSH agent (ssh2). Both now load from node_modules on first use,
 * as they were, with their own __dirname (they read .proto files beside them). docker-modem loads
 * node:https at its first request over TLS, and formats its debug line for a request only when that log
 * is on. Each rewrite must find its line, or the build
 * fails: a new dockerode that moved them is noticed, not silently slower.
 */
const LAZY_REQUIRES = {
  "dockerode/lib/docker.js": [
    [
      "withSession = require('./session')",
      "withSession = function () { return require('dockerode/lib/session.js').apply(this, arguments); }",
    ],
    ["require('./buildkit')", "require('dockerode/lib/buildkit.js')"],
  ],
  "docker-modem/lib/http.js": [
    // node:https (and TLS) load when a request to an engine over TLS is made, not at every start (4 ms).
    [
      "nativeHttps = require('https'),",
      "nativeHttps = { request: function () { return require('https').request.apply(null, arguments); } },",
    ],
  ],
  "docker-modem/lib/modem.js": [
    ["ssh = require('./ssh')", "ssh = function () { return require('./ssh').apply(this, arguments); }"],
    // Every request was formatted for the debug log (util.inspect of its options, hidden properties, any
    // depth) even with that log off: 20 to 120 µs of CPU a call (without, with a keep-alive agent in the
    // options), about a hundred calls a check.
    ["debug('Sending: %s', util.inspect(", "debug.enabled && debug('Sending: %s', util.inspect("],
  ],
};

/** @type {import("esbuild").Plugin} */
const lazyRequires = {
  name: "lazy-requires",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/](dockerode|docker-modem)[\\/]lib[\\/]/ }, async (args) => {
      const file =
        args.path
          .split(/[\\/]node_modules[\\/]/)
          .pop()
          ?.replaceAll("\\", "/") ?? "";
      const rewrites = LAZY_REQUIRES[file];
      if (!rewrites) return undefined;
      let contents = await readFile(args.path, "utf8");
      for (const [from, to] of rewrites) {
        if (!contents.includes(from)) throw new Error(`bundle: "${from}" not found in ${args.path}`);
        contents = contents.replace(from, to);
      }
      return { contents, loader: "js" };
    });
  },
};

/**
 * CommonJS packages the code loads with `await import()`. Node gives such an import the package's named
 * exports (`const { default: Docker } = await import("dockerode")`); an esbuild chunk gives only `default`. Each
 * gets an ES module wrapper exporting its names (read from the package at build time). The build fails
 * when another dynamic import reaches a CommonJS module without a wrapper.
 */
const DYNAMIC_CJS = ["dockerode"];

/** @type {import("esbuild").Plugin} */
const cjsNamedExports = {
  name: "cjs-named-exports",
  setup(build) {
    const filter = new RegExp(`^(${DYNAMIC_CJS.join("|")})$`);
    build.onResolve({ filter, namespace: "file" }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path, namespace: "cjs-named-exports" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "cjs-named-exports" }, (args) => {
      const names = Object.keys(createRequire(import.meta.url)(args.path)).filter(
        (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== "default",
      );
      const source = JSON.stringify(args.path);
      return {
        contents: `import m from ${source};\nexport default m;\nexport const { ${names.join(", ")} } = m;\n`,
        resolveDir: fileURLToPath(root),
        loader: "js",
      };
    });
  },
};

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.error("bundle: esbuild is not installed (production-only install); dockgrade runs unbundled");
  await rm(outdir, { recursive: true, force: true });
  process.exit(0);
}

// Built in a folder of its own, then swapped in: a dockgrade started meanwhile (tests build while others
// run) finds the previous bundle whole, or none and runs dist/src/. Chunk names are content hashes, so an
// unchanged rebuild keeps the names a running process may still import lazily.
const staging = new URL(`dist/cli.${process.pid}/`, root);
const previous = new URL(`dist/cli.${process.pid}.old/`, root);
await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });
/** Puts the staging folder in place of dist/cli/; a build finishing at the same moment may win a round. */
async function swapIn() {
  for (let attempt = 1; ; attempt++) {
    await rm(previous, { recursive: true, force: true });
    await rename(outdir, previous).catch(() => undefined);
    try {
      await rename(staging, outdir);
      break;
    } catch (error) {
      if (attempt >= 5 || !["ENOTEMPTY", "EEXIST"].includes(error.code)) throw error;
    }
  }
  await rm(previous, { recursive: true, force: true });
}

/** Options shared by the CLI's bundle and the build-time generator of the rubric validators. */
const common = {
  absWorkingDir: fileURLToPath(root),
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node22",
  external: EXTERNAL,
  plugins: [lazyRequires, cjsNamedExports],
  // CommonJS dependencies bundled into ES modules still call require() (node:fs, optional packages).
  banner: {
    js: 'import { createRequire as __dockgradeRequire } from "node:module"; const require = __dockgradeRequire(import.meta.url);',
  },
  logLevel: "warning",
};

/**
 * dist/cli/rubric-validators.js: the rubric and grader-parameter validators compiled by ajv now rather than
 * at every start (src/rubric/validate-schema.ts loads them; a schema without one is compiled as before).
 */
async function writeRubricValidators() {
  const generator = await esbuild.build({
    ...common,
    entryPoints: ["scripts/rubric-validators.ts"],
    write: false,
  });
  const file = new URL("rubric-validators-generator.mjs", staging);
  await writeFile(file, generator.outputFiles[0].text);
  const { source } = await import(file.href);
  await rm(file);
  await writeFile(new URL("rubric-validators.js", staging), source);
}

try {
  await writeRubricValidators();
  const result = await esbuild.build({
    ...common,
    entryPoints: ["src/cli.ts", "src/markdown/parse-worker.ts", "src/markdown/parse.ts"],
    outdir: fileURLToPath(staging),
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
    splitting: true,
    metafile: true,
    // Read only when source maps are on (NODE_OPTIONS=--enable-source-maps): a bug report's stack trace
    // then names the TypeScript sources; without them each chunk names the module it holds (// comments).
    sourcemap: true,
  });
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const target of input.imports) {
      if (target.kind === "dynamic-import" && result.metafile.inputs[target.path]?.format === "cjs") {
        throw new Error(
          `bundle: ${file} loads the CommonJS ${target.original} with import(): add it to DYNAMIC_CJS`,
        );
      }
    }
  }
  // Which source modules each output file holds: the start-up test maps the files a command loaded back
  // to the modules (and packages) they contain.
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs)
      .filter(([file]) => !file.endsWith(".map"))
      .map(([file, output]) => [
        path.relative(fileURLToPath(staging), path.resolve(fileURLToPath(root), file)),
        { inputs: Object.keys(output.inputs) },
      ]),
  );
  await writeFile(new URL("meta.json", staging), `${JSON.stringify({ outputs }, null, 1)}\n`);
  // Node looks for the package.json nearest each module it loads or resolves from (a hundred times a
  // check) and remembers only the files it found: without one here, each look tried dist/cli/ and dist/
  // in vain before reading the project's.
  await writeFile(new URL("package.json", staging), `${JSON.stringify({ type: "module" })}\n`);
  await swapIn();
} catch (error) {
  await rm(staging, { recursive: true, force: true });
  throw error;
}
