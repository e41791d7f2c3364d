import { describe, expect, it } from "vitest";
import { parseShard, selectShard } from "./shard.js";

describe("shards", () => {
  it.each([
    ["1/2", { index: 1, count: 2 }],
    [" 3 / 3 ", { index: 3, count: 3 }],
    ["0/2", undefined],
    ["3/2", undefined],
    ["1", undefined],
    ["a/b", undefined],
  ])("parseShard(%j)", (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it("covers the class exactly once, balanced, in roster order", () => {
    const entries = Array.from({ length: 11 }, (_, i) => i);
    const slices = [1, 2, 3].map((index) => selectShard(entries, { index, count: 3 }));
    expect(slices.flat().sort((a, b) => a - b)).toEqual(entries);
    expect(slices.map((s) => s.length)).toEqual([4, 4, 3]);
    expect(slices[1]).toEqual([1, 4, 7, 10]);
    expect(selectShard(entries, undefined)).toEqual(entries);
  });
});
