/**
 * The line-derived parts of findings (the bounded excerpt, the redacted snippet, inline markers),
 * computed so that cost stays linear in the text however many findings share a line: each line's
 * markers are searched once, secret spans are sorted once per line, and a snippet on a long line
 * is built from a bounded region around its finding, never from a copy of the whole line.
 */
import type { LineIndex } from './location.js';
import { redactedSnippet } from './redact.js';
import { lineMarkers, markerReason, type LineMarkers } from './suppress.js';
import type { TextLike } from './text.js';

type Position = { line: number; column: number };

/** Lines up to this length are handled whole; longer ones through a region around each finding. */
const LONG_LINE = 16_384;
/** Characters either side of a finding on a long line that its snippet is built from (redact.ts cuts to far less). */
const REGION = 2_500;
/** How much of the line before a finding is read for a `hush:ignore` comment line. */
const LINE_BEFORE_PREFIX = 4_096;
/** The excerpt kept in `lineText` for long lines (as before: 100 before the column, 300 after). */
const EXCERPT_MAX = 500;

/**
 * Per start line of a finding, the [from, to) column offsets every finding's secret covers on that
 * line (a multi-line secret covers the rest of its first line and the start of its last), so each
 * snippet masks all of them, not only its own. Sorted by `from`.
 */
function secretSpansByLine(starts: Position[], ends: Position[]): Map<number, Array<[number, number]>> {
  const spans = new Map<number, Array<[number, number]>>(starts.map((s) => [s.line, []]));
  for (let i = 0; i < starts.length; i++) {
    for (let line = starts[i].line; line <= ends[i].line; line++) {
      spans.get(line)?.push([line === starts[i].line ? starts[i].column - 1 : 0, line === ends[i].line ? ends[i].column - 1 : Infinity]);
    }
  }
  for (const list of spans.values()) list.sort((a, b) => a[0] - b[0]);
  return spans;
}

export class FindingLines {
  private readonly spans: Map<number, Array<[number, number]>>;
  private readonly markers = new Map<number, LineMarkers>();
  private readonly short = new Map<number, string>();

  constructor(
    private readonly text: TextLike,
    private readonly lines: LineIndex,
    starts: Position[],
    ends: Position[],
  ) {
    this.spans = secretSpansByLine(starts, ends);
  }

  /** The finding's line, whole when short, else 100 characters before its column and 300 after. */
  excerpt(at: Position): string {
    const [start, end] = this.lines.lineBounds(at.line);
    if (end - start <= EXCERPT_MAX) return this.text.slice(start, end);
    return this.text.slice(start + Math.max(0, at.column - 100), Math.min(end, start + at.column + 300));
  }

  /** The redacted snippet (every secret on the line masked). */
  snippet(at: Position): string {
    const [start, end] = this.lines.lineBounds(at.line);
    const spans = this.spans.get(at.line) ?? [];
    const focus = at.column - 1;
    if (end - start <= LONG_LINE) return redactedSnippet(this.lineText(at.line, start, end), spans, focus);
    // A region of the long line: spans are disjoint and sorted, so those inside it are found by binary search.
    const from = Math.max(0, focus - REGION);
    const to = Math.min(end - start, focus + REGION);
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][1] <= from) lo = mid + 1;
      else hi = mid;
    }
    const inside: Array<[number, number]> = [];
    for (let i = lo; i < spans.length && spans[i][0] < to; i++) inside.push([Math.max(0, spans[i][0] - from), Math.min(to, spans[i][1]) - from]);
    return redactedSnippet(this.text.slice(start + from, start + to), inside, focus - from);
  }

  /** Why an inline marker suppresses a finding of `ruleId` at this line, or undefined. */
  inlineSuppression(at: Position, ruleId: string): string | undefined {
    let markers = this.markers.get(at.line);
    if (!markers) {
      const [start, end] = this.lines.lineBounds(at.line);
      let before: string | undefined;
      if (at.line > 1) {
        const [prevStart, prevEnd] = this.lines.lineBounds(at.line - 1);
        before = this.text.slice(prevStart, Math.min(prevEnd, prevStart + LINE_BEFORE_PREFIX));
      }
      markers = lineMarkers(this.lineText(at.line, start, end), before);
      this.markers.set(at.line, markers);
    }
    return markerReason(markers, ruleId);
  }

  /** A line's text, kept for its other findings while short (a long line is read once per use, bounded by its count of lines). */
  private lineText(line: number, start: number, end: number): string {
    if (end - start > LONG_LINE) return this.text.slice(start, end);
    let text = this.short.get(line);
    if (text === undefined) this.short.set(line, (text = this.text.slice(start, end)));
    return text;
  }
}
