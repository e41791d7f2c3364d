import { describe, expect, it } from "vitest";
import { buildProgram } from "../program.js";
import { commandLineLang, localizeCommandLineError } from "./cli-errors.js";

describe("the command line's own errors, in the user's language", () => {
  it.each([
    [
      "error: unknown option '--frob'\n(Did you mean --from?)\n",
      "unknown option '--frob': check its spelling.\nDid you mean --from?",
      "option inconnue '--frob' : vérifiez son orthographe.\nVouliez-vous dire --from ?",
    ],
    [
      "error: unknown command 'chek'\n(Did you mean one of check, gc?)",
      "unknown command 'chek': the commands are check, gc.\nDid you mean check, gc?",
      "commande inconnue 'chek' : les commandes sont check, gc.\nVouliez-vous dire check, gc ?",
    ],
    [
      "error: missing required argument 'dir'",
      "'dir' is missing: give it after the command.",
      "'dir' manque : donnez-le après la commande.",
    ],
    [
      "error: option '--rubric <dir>' argument missing",
      "'--rubric' needs a value: write it after the option.",
      "'--rubric' attend une valeur : écrivez-la après l'option.",
    ],
    [
      "error: required option '-r, --roster <file>' not specified",
      "'--roster' is required.",
      "'--roster' est obligatoire.",
    ],
    [
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are json, text.",
      "'--format': 'xml' cannot be used (expected one of json, text).",
      "'--format' : 'xml' ne convient pas (valeurs possibles : json, text).",
    ],
    [
      "error: command-argument value 'x' is invalid for argument 'shard'. expected I/N",
      "'shard': 'x' cannot be used (expected I/N).",
      "'shard' : 'x' ne convient pas (expected I/N).",
    ],
    [
      "error: too many arguments for 'check'. Expected 1 argument but got 2.",
      "too many arguments: 'check' takes 1 and got 2. Quote a path that holds spaces.",
      "trop d'arguments : 'check' en prend 1 et en a reçu 2. Mettez entre guillemets un chemin qui contient des espaces.",
    ],
    [
      "error: option '--no-out' cannot be used with option '--out <dir>'",
      "'--no-out' cannot be used with '--out': keep one of them.",
      "'--no-out' ne s'emploie pas avec '--out' : gardez l'une des deux.",
    ],
    [
      "something commander may say one day",
      "something commander may say one day",
      "something commander may say one day",
    ],
  ])("%j", (message, en, fr) => {
    expect(localizeCommandLineError(message, "en", ["check", "gc"])).toBe(en);
    expect(localizeCommandLineError(message, "fr", ["check", "gc"])).toBe(fr);
  });

  it("takes the language from the last valid --lang, else from LANG, else French", () => {
    expect(commandLineLang(["check", "--lang", "en"], {})).toBe("en");
    expect(commandLineLang(["check", "--lang=en", "--lang", "de"], {})).toBe("en");
    expect(commandLineLang(["check"], { LANG: "en_GB.UTF-8" })).toBe("en");
    expect(commandLineLang(["check"], {})).toBe("fr");
  });

  // commander's real messages, through the real program: none may reach the user in commander's words.
  it.each([
    [["check", "--frobnicate"]],
    [["chekc"]],
    [["check", "a", "b"]],
    [["check", "--rubric"]],
    [["check", "--format", "xml"]],
    [["check", "--lang", "de"]],
    [["check", "--min-score", "abc"]],
    [["batch", "--jobs", "0"]],
    [["rubric", "lint", "a", "b"]],
  ])("%j is worded by dockgrade in both languages", async (args) => {
    for (const lang of ["fr", "en"] as const) {
      let written = "";
      const program = buildProgram(undefined, lang);
      const silence = (command: typeof program) => {
        command.configureOutput({
          writeOut: () => {},
          writeErr: (text) => {
            written += text;
          },
        });
        for (const sub of command.commands) silence(sub);
      };
      // Keep the program's own outputError: only where it writes changes.
      const outputError = program.configureOutput().outputError;
      silence(program);
      program.configureOutput({ outputError });
      await expect(program.parseAsync(["node", "dockgrade", ...args])).rejects.toMatchObject({
        code: expect.stringMatching(/^commander\./),
      });
      expect(written).toMatch(/^dockgrade: /);
      expect(written).not.toMatch(/^error:|Allowed choices|argument missing|is invalid|\(Did you mean/m);
    }
  });
});
