import type { Container } from "dockerode";
import { describe, expect, it } from "vitest";
import { type ContainerEvent, engineStopMs, engineTimeMs, eventsSince, waitForExit } from "./container.js";

const kill = (signal: string, timeNano: number): ContainerEvent => ({
  Action: "kill",
  Actor: { Attributes: { signal, name: "app" } },
  timeNano,
});
// 2026-12-01T02:09:49.7142103Z (to a double's precision), as the engine's events give it.
const SIGTERM_AT = 1796090989714210300;

describe("engineTimeMs", () => {
  it("reads the engine's times to the millisecond, nanoseconds and offsets included", () => {
    expect(engineTimeMs("2026-12-01T02:09:51.728951599Z")).toBeCloseTo(1796090991728.95, 1);
    expect(engineTimeMs("2026-12-01T02:09:51Z")).toBe(1796090991000);
    expect(engineTimeMs("2026-12-01T03:09:51.5+01:00")).toBe(1796090991500);
  });

  it("has no time for the zero time of a container that never ended, nor for anything else", () => {
    expect(engineTimeMs("0001-01-01T00:00:00Z")).toBeUndefined();
    expect(engineTimeMs(undefined)).toBeUndefined();
    expect(engineTimeMs("yesterday")).toBeUndefined();
  });
});

describe("eventsSince", () => {
  it("gives the engine's start time as epoch seconds with its fraction, as the events endpoint reads it", () => {
    expect(eventsSince("2026-12-01T02:10:26.960209666Z")).toBe("1796091026.960209666");
    expect(eventsSince("2026-12-01T02:10:26Z")).toBe("1796091026.0");
    expect(eventsSince("0001-01-01T00:00:00Z")).toBeUndefined();
  });
});

describe("engineStopMs", () => {
  it("times an exit from the SIGTERM, not from the SIGKILL that followed it", () => {
    const events = [kill("15", SIGTERM_AT), kill("9", SIGTERM_AT + 2_013_818_110)];
    expect(engineStopMs(events, "2026-12-01T02:09:51.728951599Z")).toBe(2015);
  });

  it("measures a quick exit in milliseconds", () => {
    expect(engineStopMs([kill("15", SIGTERM_AT)], "2026-12-01T02:09:49.901000000Z")).toBe(187);
  });

  it("measures 0 when the app exited before the engine logged its signal", () => {
    expect(engineStopMs([kill("15", SIGTERM_AT)], "2026-12-01T02:09:49.714000000Z")).toBe(0);
  });

  it("cannot say without the SIGTERM or without an exit time", () => {
    expect(engineStopMs([kill("9", SIGTERM_AT)], "2026-12-01T02:09:51.7Z")).toBeUndefined();
    expect(engineStopMs([{ Action: "die", timeNano: SIGTERM_AT }], "2026-12-01T02:09:51.7Z")).toBeUndefined();
    expect(engineStopMs([kill("15", SIGTERM_AT)], "0001-01-01T00:00:00Z")).toBeUndefined();
    expect(engineStopMs([], undefined)).toBeUndefined();
  });
});

describe("waitForExit", () => {
  /** A container whose `wait` request never settles, as one cut off from a vanished engine mid-wait. */
  const hanging = { wait: () => new Promise(() => {}) } as unknown as Container;

  it("ends when its signal aborts, even if the engine never answers", async () => {
    const signal = new AbortController();
    const waiting = waitForExit(hanging, 3_600_000, signal.signal);
    signal.abort();
    expect(await waiting).toEqual({ exited: false });
  });

  it("ends at its time limit, even if the engine never answers", async () => {
    expect(await waitForExit(hanging, 20)).toEqual({ exited: false });
  });

  it("gives the exit code the engine answers", async () => {
    const exited = { wait: async () => ({ StatusCode: 3 }) } as unknown as Container;
    expect(await waitForExit(exited, 1000)).toEqual({ exited: true, exitCode: 3 });
  });
});
