import { describe, expect, it } from "vitest";
import { Demuxer, demultiplex } from "./demux.js";

/** One frame of the engine's multiplexed stream: type (1 stdout, 2 stderr), 3 zero bytes, length, payload. */
function frame(type: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe("Demuxer", () => {
  const stream = Buffer.concat([frame(1, "out one\n"), frame(2, "err one\n"), frame(1, "out two\n")]);

  it("splits the streams and keeps their order, whatever the chunking", () => {
    for (const size of [1, 3, 8, 9, stream.length]) {
      const demuxer = new Demuxer(1024);
      for (let i = 0; i < stream.length; i += size) demuxer.push(stream.subarray(i, i + size));
      expect(demuxer.result()).toEqual({
        stdout: "out one\nout two\n",
        stderr: "err one\n",
        text: "out one\nerr one\nout two\n",
        truncated: false,
      });
    }
  });

  it("keeps the first bytes of a command's answer", () => {
    expect(demultiplex(stream, 10, "head")).toMatchObject({ text: "out one\ner", truncated: true });
  });

  it("keeps the last bytes of logs, where a crash trace ends", () => {
    expect(demultiplex(stream, 10, "tail")).toEqual({
      stdout: "out two\n",
      stderr: "e\n",
      text: "e\nout two\n",
      truncated: true,
    });
  });

  it("reads an empty answer", () => {
    expect(demultiplex(Buffer.alloc(0), 10)).toEqual({ stdout: "", stderr: "", text: "", truncated: false });
  });
});
