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
  constructor(private readonly bytes: Buffer) {
    this.length = bytes.length;
  }
  charCodeAt(index: number): number {
    return this.bytes[index];
  }
  slice(start = 0, end = this.length): string {
    return this.bytes.toString('latin1', start, end);
  }
  /** The first offset at or after `from` holding `code`, or -1 (a native search). */
  indexOfCode(code: number, from: number): number {
    return this.bytes.indexOf(code, from);
  }
}
