/**
 * Offsets to 1-based line/column, computed lazily per text and only when a match exists.
 * Line terminators are LF, CRLF and lone CR, as SARIF defines them.
 */
import { AsciiText, type TextLike } from './text.js';

/** A native search for line feeds in `text`, where no CR can end a line; undefined otherwise. */
function lineFeedSearch(text: TextLike): ((from: number) => number) | undefined {
  if (typeof text === 'string') return text.includes('\r') ? undefined : (from) => text.indexOf('\n', from);
  if (text instanceof AsciiText) return text.hasCarriageReturn() ? undefined : (from) => text.indexOfCode(10, from);
  return undefined;
}

export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: TextLike) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    // Most texts end their lines with LF alone: memchr-speed instead of a character loop.
    const search = lineFeedSearch(text);
    if (search) {
      for (let at = search(0); at !== -1; at = search(at + 1)) starts.push(at + 1);
      this.starts = starts;
      return starts;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** The offset of a 1-based line and column (the inverse of `position`). */
  offset(line: number, column: number): number {
    return (this.lineStarts()[line - 1] ?? this.text.length) + column - 1;
  }

  /** The text of a 1-based line, without its terminator. */
  lineText(line: number): string {
    const [start, end] = this.lineBounds(line);
    return this.text.slice(start, end);
  }

  /** [start, end) offsets of a 1-based line, without its terminator. */
  lineBounds(line: number): [number, number] {
    const starts = this.lineStarts();
    const start = starts[line - 1] ?? this.text.length;
    let end = starts[line] ?? this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return [start, end];
  }
}
