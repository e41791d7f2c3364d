import { describe, expect, it } from "vitest";
import { figuresOf } from "../markdown/figures.js";
import { parseMarkdown } from "../markdown/parse.js";
import { findSection } from "../markdown/sections.js";
import { compilePattern } from "../text/pattern.js";
import { DEFAULT_COMMANDS } from "./commands.js";
import { detectEvidence } from "./detect.js";

const VERSION = `Client: Docker Engine - Community
 Version:           28.2.2
 API version:       1.41 (downgraded from 1.50)
 Go version:        go1.24.3
 OS/Arch:           linux/amd64

Server:
 Engine:
  Version:          20.10.24+dfsg1
  API version:      1.41 (minimum version 1.12)`;
const INFO = `Client:
 Version:    28.2.2
 Context:    default

Server:
 Containers: 1
  Running: 0
 Images: 2
 Server Version: 20.10.24+dfsg1
 Storage Driver: overlay2
 Docker Root Dir: /var/lib/docker`;
const PS_HEADER = "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES";
const PS_EXITED = `${PS_HEADER}
04a133c8364d   quotegen:1.0.0   "gunicorn --bind 0.0…"   2 minutes ago   Exited (0) 1 minute ago             quotegen`;
const IMAGES = `REPOSITORY   TAG         IMAGE ID       CREATED         SIZE
python       3.12-slim   8829313c55de   7 minutes ago   242MB`;
const VOLUMES = "DRIVER    VOLUME NAME\nlocal     quotegen-data";

/** Which of the six default commands a step 1 section evidences, and how. */
const shown = (body: string, existing: string[] = []) => {
  const root = parseMarkdown(`## Etape 1\n\n${body}`);
  const section = findSection(root, compilePattern("etape 1"));
  if (!section) throw new Error("no section");
  const found = detectEvidence(figuresOf(section, root), DEFAULT_COMMANDS, (url) => existing.includes(url));
  return Object.fromEntries(found.map((e) => [e.id, e.via ?? (e.typedWithoutOutput ? "typed" : "-")]));
};
const fence = (text: string) => `\`\`\`\n${text}\n\`\`\``;

describe("detectEvidence", () => {
  it("recognises pasted outputs by their shape", () => {
    expect(shown([VERSION, INFO, PS_HEADER, PS_EXITED, IMAGES, VOLUMES].map(fence).join("\n\n"))).toEqual({
      version: "code",
      info: "code",
      ps: "code",
      "ps-a": "code",
      "image-ls": "code",
      "volume-ls": "code",
    });
  });

  it("knows the tree view of docker image ls (Docker 29)", () => {
    const tree =
      "IMAGE                ID             DISK USAGE   CONTENT SIZE   EXTRA\npython:3.12-slim     8829313c55de        242MB             0B";
    expect(shown(fence(tree))).toMatchObject({ "image-ls": "code" });
  });

  it("tells docker version from docker info (both have Client: and Server:)", () => {
    expect(shown(fence(INFO))).toMatchObject({ version: "-", info: "code" });
    expect(shown(fence(VERSION))).toMatchObject({ version: "code", info: "-" });
  });

  it("cuts one block into commands at each prompt, and tells docker ps from docker ps -a", () => {
    const transcript = `$ docker ps\n${PS_HEADER}\nuser@host:~/tp$ docker ps -a\n${PS_HEADER}\nPS C:\\tp> docker volume ls\n${VOLUMES}`;
    expect(shown(fence(transcript))).toMatchObject({ ps: "code", "ps-a": "code", "volume-ls": "code" });
    // An empty docker ps -a listing is only docker ps -a by its command line.
    expect(shown(fence(`$ docker ps -a\n${PS_HEADER}`))).toMatchObject({ ps: "-", "ps-a": "code" });
    // An Exited line can only come from docker ps -a.
    expect(shown(fence(PS_EXITED))).toMatchObject({ ps: "-", "ps-a": "code" });
    // A bare header proves docker ps, not docker ps -a...
    expect(shown(fence(PS_HEADER))).toMatchObject({ ps: "code", "ps-a": "-" });
    // ...unless the paragraph before the block says it is docker ps -a.
    expect(shown(`Résultat de docker ps -a :\n\n${fence(PS_HEADER)}`)).toMatchObject({
      ps: "code",
      "ps-a": "code",
    });
  });

  it("counts screenshots captioned with the command, only when the file exists", () => {
    const body = `#### Docker version

![alt text](image.png)

#### Docker Info

1) client

![alt text](image-1.png)

#### docker ps

1) docker ps

![alt text](image-3.png)

2) docker ps -a

![alt text](image-4.png)

![docker image ls](media/images.png)

Les volumes (\`docker volume ls\`) :

![](media/missing.png)`;
    const existing = ["image.png", "image-1.png", "image-3.png", "image-4.png", "media/images.png"];
    expect(shown(body, existing)).toEqual({
      version: "image",
      info: "image",
      ps: "image",
      "ps-a": "image",
      "image-ls": "image",
      "volume-ls": "-",
    });
  });

  it("notices a command typed without its output", () => {
    expect(shown(fence("$ docker volume ls\n$ docker image ls"))).toMatchObject({
      "volume-ls": "typed",
      "image-ls": "typed",
      ps: "-",
    });
  });
});
