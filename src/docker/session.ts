import type { ImageInspectInfo } from "dockerode";
import type { BaseImage } from "./base-images.js";
import type { BuildOutcome } from "./build.js";
import type { ContainerHandle } from "./container.js";
import type { ContainerOptions } from "./container-config.js";
import type { SandboxSummary } from "./sandboxed-build.js";

export type { BaseImage, PullPolicy } from "./base-images.js";
export { type BuildFailure, type BuildOutcome, type BuildSuccess, ImageUnavailableError } from "./build.js";
export type { ContextStats } from "./build-context.js";
export type { BuildProgress, BuildStepRef } from "./build-log.js";
export type { Refusal } from "./build-policy.js";
export type { ContainerHandle, ExecOptions, ExecResult, StopResult } from "./container.js";
export type { ContainerOptions, Limits, MountSpec } from "./container-config.js";
export { readOnlyFailure } from "./container-config.js";
export type { CapturedOutput } from "./demux.js";
export type { PullFailure, PullFailureKind } from "./pull-failure.js";
export type { SandboxSummary } from "./sandboxed-build.js";

/** One line of `docker history`, newest first, as the engine reports it. */
export interface ImageHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/**
 * The per-submission Docker session: one image build and the containers started from it, shared by every
 * check of a submission. Graders receive it through their context; they never reach the engine any other
 * way. Everything it creates is labelled `dockgrade.run=<runId>` and removed by `close()`.
 */
export interface DockerSession {
  /** A short, unique id (lowercase letters and digits); every object created carries it as `dockgrade.run`. */
  readonly runId: string;
  /** Engine version string, for the report. */
  readonly engineVersion: string;
  readonly apiVersion: string;
  /** The harness reference the image is built under: `dockgrade/<runId>/<name>:<first tag>`. */
  readonly imageReference: string;
  /** The sandbox the image was built in, once the build started (for the report's environment). */
  readonly buildSandbox?: SandboxSummary;
  /**
   * Builds the submission's image once; every caller gets the same outcome. The first caller's options
   * apply (later ones are ignored). Never rejects: failures are outcomes.
   */
  image(options?: { maxContextBytes?: number }): Promise<BuildOutcome>;
  /**
   * The base images the finished build started from (id, registry digest), for the report; empty when no
   * build ran or it failed. Never starts a build.
   */
  baseImages?(): Promise<BaseImage[]>;
  /** `docker image inspect` of the built image (config, env, exposed ports, size). Throws if the build failed. */
  inspectImage(): Promise<ImageInspectInfo>;
  /**
   * `docker history` of the built image, newest first, without the harness's own LABEL step. Throws if
   * the build failed. (The image's `Config.Labels` carry `dockgrade.run`: ignore `dockgrade.*` labels.)
   */
  imageHistory(): Promise<ImageHistoryEntry[]>;
  /** Adds the tag `dockgrade/<runId>/<name>:<tag>` to the built image; returns the full reference. */
  tagImage(tag: string): Promise<string>;
  /** Creates and starts a hardened container (default: the built image); see ContainerOptions. */
  startContainer(options?: ContainerOptions): Promise<ContainerHandle>;
  /** Creates a labelled named volume for this session; returns its name. */
  createVolume(): Promise<string>;
  /** A fresh host folder (mode 755) for files to bind-mount; removed by close(). */
  tempDir(): Promise<string>;
  /** Whether the engine still answers (a ping within a few seconds); absent on test doubles. */
  engineAnswers?(): Promise<boolean>;
  /** Removes every container, image, volume, network and temporary folder this session created. Idempotent. */
  close(): Promise<void>;
}

/** Whether Docker can be used for this run, and if not why and how to fix it. */
export type DockerAvailability =
  | { available: true; version: string; apiVersion: string }
  | { available: false; reason: string };
