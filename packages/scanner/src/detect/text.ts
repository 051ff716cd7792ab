/**
 * The text interface the engine reads through. A JS string satisfies it; so does `AsciiText`, a view
 * of an all-ASCII buffer whose windows are turned into strings only where a keyword hit asks for it,
 * so most of a file is never copied into a string at all.
 */
export interface TextLike {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
}

export class AsciiText implements TextLike {
  readonly length: number;
  private hasCR?: boolean;
  constructor(private readonly bytes: Buffer) {
    this.length = bytes.length;
  }
  charCodeAt(index: number): number {
    return this.bytes[index];
  }
  slice(start = 0, end = this.length): string {
    return this.bytes.toString('latin1', start, end);
  }
  /** The bytes themselves, for loops that read every character (one byte each). */
  bytesView(): Uint8Array {
    return this.bytes;
  }

  /** The first offset at or after `from` holding `code`, or -1 (a native search). */
  indexOfCode(code: number, from: number): number {
    return this.bytes.indexOf(code, from);
  }

  /** The first LF or CR in [from, to), or -1: native searches, where a loop would read each character. */
  firstLineBreak(from: number, to: number): number {
    const view = this.bytes.subarray(from, to);
    const lf = view.indexOf(10);
    const cr = this.hasCarriageReturn() ? view.indexOf(13) : -1;
    const first = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    return first < 0 ? -1 : from + first;
  }

  /** The last LF or CR in [from, to), or -1. */
  lastLineBreak(from: number, to: number): number {
    const view = this.bytes.subarray(from, to);
    const last = Math.max(view.lastIndexOf(10), this.hasCarriageReturn() ? view.lastIndexOf(13) : -1);
    return last < 0 ? -1 : from + last;
  }

  /** Whether any line ends with CR (most files end lines with LF alone): one native search, remembered. */
  hasCarriageReturn(): boolean {
    return (this.hasCR ??= this.bytes.indexOf(13) >= 0);
  }
}
