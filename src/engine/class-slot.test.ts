import pLimit from "p-limit";
import { describe, expect, it } from "vitest";
import { withClassSlot } from "./grade.js";
import { runScheduled } from "./schedule.js";

/**
 * Two submissions of a class, one Docker slot each and two for the class. In each, `waiter` starts first and
 * waits (idles) for work that `worker`, started in the slot it lends, does once it holds a class slot: the
 * shape of `stop-cleanly` waiting for a check that joined the app's run. Kept across the wait, the class's
 * two slots stay with the two waiters and the workers never start.
 */
async function gradeClass(): Promise<string[]> {
  const classPool = pLimit(2);
  const take = <T>(work: () => Promise<T>) => classPool(work);
  const order: string[] = [];
  const submission = (name: string) => {
    let workDone: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      workDone = resolve;
    });
    const items = [
      { id: "waiter", needs: [] },
      { id: "worker", needs: [] },
    ];
    return runScheduled(items, { pool: () => "docker", caps: { docker: 1 } }, (item, slot) =>
      withClassSlot(take, slot, async (held) => {
        if (item.id === "waiter") {
          await held.idle(done);
          order.push(`${name}: waiter back`);
        } else {
          order.push(`${name}: worker`);
          workDone();
        }
      }),
    );
  };
  const graded = Promise.all([submission("a"), submission("b")]).then(() => "graded" as const);
  const stuck = new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), 5000).unref());
  expect(await Promise.race([graded, stuck])).toBe("graded");
  return order;
}

describe("a class's Docker slots and a check that waits for another's work", () => {
  it("the waiting check gives the class's slot away and takes it back after its submission's", async () => {
    const order = await gradeClass();
    expect(order.filter((line) => line.startsWith("a:"))).toEqual(["a: worker", "a: waiter back"]);
    expect(order.filter((line) => line.startsWith("b:"))).toEqual(["b: worker", "b: waiter back"]);
  });

  it("without the wait, each check holds one class slot for its whole run", async () => {
    const pool = pLimit(1);
    let inside = 0;
    let most = 0;
    const never: { idle: <R>(w: Promise<R>) => Promise<R> } = { idle: (w) => w };
    await Promise.all(
      [1, 2, 3].map(() =>
        withClassSlot(
          (work) => pool(work),
          never,
          async () => {
            inside++;
            most = Math.max(most, inside);
            await new Promise((resolve) => setTimeout(resolve, 10));
            inside--;
          },
        ),
      ),
    );
    expect(most).toBe(1);
  });
});
