/** Output of a container or an exec, split by stream and capped. */
export interface CapturedOutput {
  stdout: string;
  stderr: string;
  /** Both streams in the order the engine sent them. */
  text: string;
  /** True when output beyond the cap was dropped. */
  truncated: boolean;
}

interface Frame {
  stream: "stdout" | "stderr";
  data: Buffer;
}

/**
 * Reads the engine's multiplexed stream (8-byte header: stream type, 3 zero bytes, big-endian length, then
 * the payload) whatever the chunking, keeping at most `maxBytes` of payload: the first bytes (`head`, for
 * a command's answer) or the last ones (`tail`, for logs, where a crash trace ends the output).
 */
export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);
  private readonly frames: Frame[] = [];
  private kept = 0;
  private truncated = false;

  constructor(
    private readonly maxBytes = 64 * 1024,
    private readonly keep: "head" | "tail" = "head",
  ) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const type = this.pending[0];
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const data = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      this.add({ stream: type === 2 ? "stderr" : "stdout", data });
    }
  }

  result(): CapturedOutput {
    const pick = (stream?: Frame["stream"]) =>
      Buffer.concat(this.frames.filter((f) => !stream || f.stream === stream).map((f) => f.data)).toString(
        "utf8",
      );
    return { stdout: pick("stdout"), stderr: pick("stderr"), text: pick(), truncated: this.truncated };
  }

  private add(frame: Frame): void {
    if (this.keep === "head") {
      const room = this.maxBytes - this.kept;
      if (room <= 0) {
        this.truncated ||= frame.data.length > 0;
        return;
      }
      const data = frame.data.length > room ? frame.data.subarray(0, room) : frame.data;
      if (data.length < frame.data.length) this.truncated = true;
      this.frames.push({ stream: frame.stream, data: Buffer.from(data) });
      this.kept += data.length;
      return;
    }
    this.frames.push({ stream: frame.stream, data: Buffer.from(frame.data) });
    this.kept += frame.data.length;
    while (this.kept > this.maxBytes && this.frames.length > 0) {
      const first = this.frames[0] as Frame;
      const excess = this.kept - this.maxBytes;
      this.truncated = true;
      if (first.data.length <= excess) {
        this.frames.shift();
        this.kept -= first.data.length;
      } else {
        first.data = first.data.subarray(excess);
        this.kept -= excess;
      }
    }
  }
}

/** Demultiplexes a whole buffer (the engine's answer to a non-following logs request). */
export function demultiplex(
  buffer: Buffer,
  maxBytes: number,
  keep: "head" | "tail" = "tail",
): CapturedOutput {
  const demuxer = new Demuxer(maxBytes, keep);
  demuxer.push(buffer);
  return demuxer.result();
}
