import { describe, expect, it } from "vitest";
import { codeTokens, proseTokens } from "./tokens.js";

const words = (tokens: Array<{ text: string }>) => tokens.map((t) => t.text).join(" ");

describe("proseTokens", () => {
  it.each([
    ["Étape 2 — L'IMAGE « slim »", "etape 2 l image slim"],
    ["**Le cœur** du _démon_ : `dockerd`", "le coeur du demon dockerd"],
    [
      "Voir [la doc](https://docs.docker.com/build/) et ![capture](media/etape1.png)",
      "voir la doc et capture",
    ],
    ["<img src='media/a.png' width=300> fin<br/>", "fin"],
    ["```bash\ndocker ps -a\n```", "docker ps a"],
    ["[doc]: https://example.invalid/page\ntexte", "texte"],
    ["| colonne | python:3.12-slim |\n|---|---|", "colonne python 3 12 slim"],
    ["e\u0301te\u0301 (NFD input)", "ete nfd input"],
  ])("%j -> %j", (text, expected) => {
    expect(words(proseTokens(text))).toBe(expected);
  });

  it("keeps each word's offsets in the original text", () => {
    const text = "## Étape 1\nLe **démon** écoute.";
    for (const t of proseTokens(text)) {
      expect(text.slice(t.start, t.end).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()).toBe(t.text);
    }
  });
});

describe("codeTokens", () => {
  it.each([
    ["python", "x = 'a b'  # comment\ny = \"A B\"", 'x = " a b " y = " a b "'],
    ["python", '"""Doc\nstring"""\nprint(1)', '" doc string " print ( 1 )'],
    ["python", "s = 'it\\'s'", 's = " it s "'],
    ["python", "url = 'http://h/#top'", 'url = " http h top "'],
    ["dockerfile", "# syntax=docker/dockerfile:1\nFROM Python:3.12", "from python : 3 . 12"],
    ["dockerfile", "RUN echo '#1' \\\n    && ls  # not a comment", 'run echo " 1 " & & ls # not a comment'],
    ["dockerfile", "RUN a \\\n  # a comment line inside\n  b", "run a b"],
    ["dockerfile", 'CMD ["app:app"]', 'cmd [ " app app " ]'],
  ] as const)("%s %j -> %j", (language, text, expected) => {
    expect(words(codeTokens(text, language))).toBe(expected);
  });

  it("marks the words of strings as literals and keeps offsets", () => {
    const text = "name = 'Alice'";
    const tokens = codeTokens(text, "python");
    expect(tokens.map((t) => t.literal)).toEqual([false, false, true, true, true]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["name", "=", "'", "Alice", "'"]);
  });

  it("reads an unterminated string to the end of its line (Python) and goes on", () => {
    expect(words(codeTokens("a = 'oops\nb = 2", "python"))).toBe('a = " oops b = 2');
  });
});
