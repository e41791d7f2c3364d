import { describe, expect, it } from "vitest";
import { compilePattern } from "../text/pattern.js";
import { figuresOf } from "./figures.js";
import { parseMarkdown } from "./parse.js";
import { findSection } from "./sections.js";

const figures = (md: string) => {
  const root = parseMarkdown(md);
  const section = findSection(root, compilePattern("etape 1"));
  if (!section) throw new Error("no section");
  return figuresOf(section, root);
};

describe("figuresOf", () => {
  it("captions an image with its sub-heading, the item before it and its alt text", () => {
    const { images } = figures(`## Etape 1

#### docker ps

1) docker ps

![alt text](image-3.png)

2) docker ps -a

![alt text](image-4.png)
![second](image%205.png "Titre")

## Etape 2

![](ailleurs.png)
`);
    expect(images.map((i) => [i.url, i.line, i.caption.replace(/\n/g, " / ")])).toEqual([
      ["image-3.png", 7, "alt text / docker ps / docker ps / alt text"],
      ["image-4.png", 11, "alt text / docker ps / docker ps -a / alt text / second"],
      ["image 5.png", 12, "second / Titre / docker ps / docker ps -a / alt text / second"],
    ]);
  });

  it("finds reference-style images, HTML <img> and images inside list items and tables", () => {
    const { images } = figures(`## Etape 1

- docker version ![v][ver]
- docker info <img src="media/info.png" alt="info" width="600">

| commande | capture |
|---|---|
| docker image ls | ![](media/images.png) |

<p><img src='media/volumes.png'></p>

[ver]: media/version.png
`);
    expect(images.map((i) => i.url)).toEqual([
      "media/version.png",
      "media/info.png",
      "media/images.png",
      "media/volumes.png",
    ]);
    expect(images[0]?.caption).toContain("docker version");
    expect(images[1]?.caption).toContain("docker info");
    expect(images[2]?.caption).toContain("docker image ls");
  });

  it("lists code blocks with the paragraph before them as caption, and strips ?query and #fragment", () => {
    const { images, code } = figures(`## Etape 1

Sortie de docker ps -a :

\`\`\`text
CONTAINER ID   IMAGE
\`\`\`

![x](media/a.png?raw=true#top)
`);
    expect(code).toEqual([
      { value: "CONTAINER ID   IMAGE", lang: "text", line: 5, caption: "Sortie de docker ps -a :" },
    ]);
    expect(images[0]?.url).toBe("media/a.png");
  });
});
