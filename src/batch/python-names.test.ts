import { describe, expect, it } from "vitest";
import { boundNames, withBoundNamesHidden } from "./python-names.js";
import { codeTokens } from "./tokens.js";

const bound = (code: string) => [...boundNames(codeTokens(code, "python"))].sort();

describe("boundNames", () => {
  it.each([
    ["x = 1\ny == 2", ["x"]],
    ["def load(path, *rest, **opts):\n    pass", ["load", "opts", "path", "rest"]],
    ["def f(a: int = 3, b=None): pass", ["a", "b", "f"]],
    ["app.run(host='0.0.0.0', debug=True)", []],
    ["for line in lines: pass", ["line"]],
    ["with open(p) as handle: pass\nimport json as j", ["handle", "j"]],
    ["class Store:\n    pass", ["store"]],
    ["app.config = {}\nself.folder = folder", []],
    ["total += 1", []],
    ["s = 'def hidden(x): pass'", ["s"]],
  ])("%j binds %j", (code, expected) => {
    expect(bound(code)).toEqual(expected);
  });
});

describe("withBoundNamesHidden", () => {
  it("hides names the program binds, keeps library names and attributes", () => {
    const code =
      "app = Flask(__name__)\n@app.get('/app')\ndef quote():\n    return random.choice(app.quotes)";
    const text = withBoundNamesHidden(codeTokens(code, "python"))
      .map((t) => t.text)
      .join(" ");
    expect(text).toBe(
      'v = flask ( __name__ ) @ v . get ( " app " ) def v ( ) : return random . choice ( v . quotes )',
    );
  });

  it("makes two programs that differ only by their names read alike", () => {
    const a =
      "def total(items):\n    count = 0\n    for item in items:\n        count += item\n    return count";
    const b = "def somme(xs):\n    n = 0\n    for x in xs:\n        n += x\n    return n";
    const canon = (code: string) => withBoundNamesHidden(codeTokens(code, "python")).map((t) => t.text);
    expect(canon(a)).toEqual(canon(b));
  });
});
