import { describe, expect, it } from "vitest";
import { localSocket } from "./engine.js";

const none = () => false;
const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe("localSocket: when dockerode is used directly rather than through testcontainers", () => {
  it.each([
    {
      name: "DOCKER_HOST unset, default socket",
      env: {},
      exists: only("/var/run/docker.sock"),
      want: "/var/run/docker.sock",
    },
    {
      name: "DOCKER_HOST unset, no default socket (rootless, Desktop)",
      env: {},
      exists: none,
      want: undefined,
    },
    {
      name: "a unix DOCKER_HOST",
      env: { DOCKER_HOST: "unix:///run/user/1000/docker.sock" },
      exists: none,
      want: "/run/user/1000/docker.sock",
    },
    {
      name: "a tcp DOCKER_HOST",
      env: { DOCKER_HOST: "tcp://127.0.0.1:2375" },
      exists: none,
      want: undefined,
    },
    {
      name: "TLS settings",
      env: { DOCKER_TLS_VERIFY: "1" },
      exists: only("/var/run/docker.sock"),
      want: undefined,
    },
    {
      name: "a ~/.testcontainers.properties",
      env: {},
      exists: only("/var/run/docker.sock", "/home/u/.testcontainers.properties"),
      want: undefined,
    },
  ])("$name", ({ env, exists, want }) => {
    expect(localSocket(env as NodeJS.ProcessEnv, exists, "/home/u")).toBe(want);
  });
});
