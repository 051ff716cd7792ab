/**
 * "Which matches of this regex lie near offset X?", asked once per finding. The first questions each
 * search their own slice; once the slices searched add up to the text's length (thousands of
 * findings on one adversarial line), the regex runs once over the whole text and every later
 * question is a binary search, so the work stays linear in the text, not in findings × reach.
 */
import type { TextLike } from './text.js';

/** A match with absolute offsets: the whole match and its first participating group (else the match). */
export interface NearMatch {
  start: number;
  end: number;
  groupStart: number;
  groupEnd: number;
  groups?: Record<string, string | undefined>;
}

export class NearMatches {
  private all?: NearMatch[];
  private searched = 0;

  /** `regex` needs the `g` flag (`d` for group offsets). */
  constructor(
    private readonly regex: RegExp,
    private readonly text: TextLike,
    private readonly reach: number,
  ) {}

  /** Matches lying wholly inside [from - reach, to + reach), in text order. */
  around(from: number, to: number): NearMatch[] {
    const lo = Math.max(0, from - this.reach);
    const hi = Math.min(this.text.length, to + this.reach);
    if (!this.all && this.searched + hi - lo <= this.text.length) {
      this.searched += hi - lo;
      return this.scan(this.text.slice(lo, hi), lo);
    }
    this.all ??= this.scan(typeof this.text === 'string' ? this.text : this.text.slice(), 0);
    const all = this.all;
    let a = 0;
    let b = all.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (all[mid].start < lo) a = mid + 1;
      else b = mid;
    }
    const out: NearMatch[] = [];
    for (let i = a; i < all.length && all[i].start < hi; i++) if (all[i].end <= hi) out.push(all[i]);
    return out;
  }

  private scan(text: string, offset: number): NearMatch[] {
    const regex = this.regex;
    const out: NearMatch[] = [];
    regex.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = regex.exec(text))) {
      if (match[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const span = match.indices?.slice(1).find((group) => group !== undefined) ?? [match.index, match.index + match[0].length];
      out.push({
        start: offset + match.index,
        end: offset + match.index + match[0].length,
        groupStart: offset + span[0],
        groupEnd: offset + span[1],
        ...(match.groups ? { groups: match.groups } : {}),
      });
    }
    return out;
  }
}
