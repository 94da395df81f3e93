const LF = 10;
const CR = 13;

/**
 * Splits an event stream's bytes into whole frames (everything up to and including the blank line
 * that ends an event), without decoding or changing a byte: the pass-through path forwards frames
 * as the upstream wrote them while a reader looks at each one. Lines may end in LF, CR or CRLF.
 */
export class SseFrameSplitter {
  private pending: Uint8Array[] = [];
  private pendingSize = 0;
  private lineLength = 0;
  private afterCr = false;

  /**
   * @param maxFrameSize a frame growing past this many bytes is handed on unsplit (the caller
   *   forwards it unread) rather than buffered without bound.
   */
  constructor(private readonly maxFrameSize = 16 * 1024 * 1024) {}

  /** Feeds a chunk; returns the frames it completed, in order (often one, sometimes none). */
  push(chunk: Uint8Array): Uint8Array[] {
    if (!this.afterCr && chunk.indexOf(CR) === -1) return this.pushLf(chunk);
    const frames: Uint8Array[] = [];
    let start = 0;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index];
      if (this.afterCr) {
        this.afterCr = false;
        // The LF of a CRLF: the line already ended at the CR.
        if (byte === LF) continue;
      }
      if (byte !== LF && byte !== CR) {
        this.lineLength += 1;
        continue;
      }
      let end = index + 1;
      if (byte === CR) {
        // A CRLF inside this chunk is taken whole; a CR at its end may be followed by an LF later.
        if (end < chunk.length) {
          if (chunk[end] === LF) end += 1;
        } else {
          this.afterCr = true;
        }
      }
      if (this.lineLength === 0) {
        frames.push(this.take(chunk.subarray(start, end)));
        start = end;
      }
      this.lineLength = 0;
      index = end - 1;
    }
    this.keepRest(chunk, start, frames);
    return frames;
  }

  /** The common case, a chunk with LF line ends only: lines found with the native `indexOf`. */
  private pushLf(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let start = 0;
    let lineStart = 0;
    let carried = this.lineLength;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, lineStart)) {
      if (carried + lf - lineStart === 0) {
        frames.push(this.take(chunk.subarray(start, lf + 1)));
        start = lf + 1;
      }
      lineStart = lf + 1;
      carried = 0;
    }
    this.lineLength = carried + chunk.length - lineStart;
    this.keepRest(chunk, start, frames);
    return frames;
  }

  private keepRest(chunk: Uint8Array, start: number, frames: Uint8Array[]): void {
    if (start >= chunk.length) return;
    this.pending.push(chunk.subarray(start));
    this.pendingSize += chunk.length - start;
    if (this.pendingSize > this.maxFrameSize) frames.push(this.take(new Uint8Array(0)));
  }

  /** The bytes after the last complete frame (a stream cut short), if any. */
  end(): Uint8Array | undefined {
    if (this.pendingSize === 0) return undefined;
    return this.take(new Uint8Array(0));
  }

  private take(last: Uint8Array): Uint8Array {
    if (this.pendingSize === 0) return last;
    const frame = concat([...this.pending, last]);
    this.pending = [];
    this.pendingSize = 0;
    return frame;
  }
}

function concat(parts: ReadonlyArray<Uint8Array>): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
