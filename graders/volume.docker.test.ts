import { afterAll, describe, expect, it } from "vitest";
import { rendered } from "../src/grader/test-context.js";
import { FixtureSessions } from "./kit/app/test-sessions.js";
import volume from "./volume.js";

const sessions = new FixtureSessions();
afterAll(async () => {
  expect(await sessions.closeAll()).toEqual([]);
});

const complete = "submissions-example/complete";

describe("the volume grader on the real engine", () => {
  it("passes the complete example on all four parts", async () => {
    const started = Date.now();
    const result = await sessions.run(volume, complete, {});
    const text = rendered(volume, result);
    expect(result.status, text).toBe("pass");
    expect(result).toMatchObject({
      credit: 1,
      details: { parts: { mask: true, live: true, namedVolume: true, appMasked: true } },
    });
    expect(text).toContain(
      "With a host file holding one line bind-mounted read-only over /app/data/quotes.txt, GET /quote served that line",
    );
    expect(text).toContain("served the new line at once, without rebuild or restart");
    expect(text).toContain(
      "A file written into a named volume mounted on /data was still there in a new container",
    );
    expect(text).toMatch(
      /With an empty folder mounted over \/app, the code copied there at build time \(app\.py, data, requirements\.txt\) is hidden: the app no longer starts \(exit code 3: ModuleNotFoundError: No module named 'app'\)/,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("mounts a folder over /app/data when asked, and scores only the parts with a weight", async () => {
    const result = await sessions.run(volume, complete, {
      target: "/app/data",
      targetKind: "folder",
      weights: { mask: 1, live: 1, namedVolume: 0, appMasked: 0 },
    });
    expect(result).toMatchObject({ status: "pass", details: { parts: { mask: true, live: true } } });
    expect(Object.keys(result.details?.parts as object)).toEqual(["mask", "live"]);
    expect(rendered(volume, result)).toContain("bind-mounted read-only over /app/data/quotes.txt");
  });

  it("fails the live part of an app that reads the quotes once, at start", async () => {
    const result = await sessions.run(volume, "graders/__fixtures__/volume/quotes-at-start", {});
    expect(result).toMatchObject({
      status: "partial",
      credit: 0.75,
      details: { parts: { mask: true, live: false, namedVolume: true, appMasked: true } },
    });
    expect(rendered(volume, result)).toMatch(
      /should serve it without restart, but still served the old line "dockgrade probe [0-9a-f]{12}: mounted from the host": the app reads the file once, at start/,
    );
  });

  it("fails the mask and the app-masking parts of an app kept outside /app", async () => {
    const result = await sessions.run(volume, "graders/__fixtures__/volume/code-in-srv", {});
    expect(result).toMatchObject({
      status: "partial",
      credit: 0.25,
      details: { parts: { mask: false, live: false, namedVolume: true, appMasked: false } },
    });
    const text = rendered(volume, result);
    expect(text).toMatch(
      /should serve that line, but served "[^"]+", a line of the copy baked into the image/,
    );
    expect(text).toContain("Not judged: the app did not serve the mounted file in the first place");
    expect(text).toContain("but it still answered: its code is not in /app");
  });

  it("skips a submission whose image did not build", async () => {
    const result = await sessions.run(volume, "build-error", {});
    expect(result.status).toBe("skipped");
    expect(rendered(volume, result)).toMatch(/^The image could not be built \(/);
  });
});
