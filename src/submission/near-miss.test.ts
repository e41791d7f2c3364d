import { describe, expect, it } from "vitest";
import { nearMissName } from "./near-miss.js";

describe("nearMissName", () => {
  it.each([
    ["Dockerfile", ["app.py", "Docker file"], "Docker file"],
    ["Dockerfile", ["dockerfile.txt"], "dockerfile.txt"],
    ["Dockerfile", ["Dockerfile.txt", "dockerfile"], "dockerfile"],
    ["Dockerfile", ["Dockefile"], "Dockefile"],
    ["requirements.txt", ["app.py", "requirments.txt"], "requirments.txt"],
    ["requirements.txt", ["Requirements.txt"], "Requirements.txt"],
    ["requirements.txt", ["requirements-dev.txt"], undefined],
    ["Dockerfile", ["docker-compose.yml", ".dockerignore"], undefined],
    ["Dockerfile", ["Dockerfile", "dockerfile.txt"], undefined],
    ["app.py", ["ap.py", "main.py"], undefined],
  ])("%s among %j → %s", (wanted, names, found) => {
    expect(nearMissName(wanted, names)).toBe(found);
  });
});
