import type { DockerSession } from "../../docker/session.js";

/**
 * Keeps one Docker session (and so its built image) from one watch run to the next, while the build
 * context is unchanged: a report edit then re-checks claims against the image without building again.
 * The engine's close() of each run is ignored; discard() closes it for real (context changed, or the end).
 */
export class SessionKeeper {
  /** How many sessions were opened: each new one builds the image again (with the layer cache). */
  opened = 0;
  private current?: Promise<DockerSession>;

  constructor(private readonly open: () => Promise<DockerSession>) {}

  session(): Promise<DockerSession> {
    if (!this.current) {
      this.opened++;
      const opening = this.open();
      this.current = opening;
      opening.catch(() => {
        if (this.current === opening) this.current = undefined;
      });
    }
    return this.current.then(kept);
  }

  async discard(): Promise<void> {
    const closing = this.current;
    this.current = undefined;
    await (await closing?.catch(() => undefined))?.close();
  }
}

/** The session as the engine sees it during one run: everything but close() goes to the real one. */
function kept(session: DockerSession): DockerSession {
  return new Proxy(session, {
    get(target, property) {
      if (property === "close") return async () => {};
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
