/**
 * How often a lower-cased 3-byte sequence occurs in real code, from the generated table
 * (trigram-table.ts): used only to anchor each keyword on its rarest 3 bytes, so the prefilter verifies
 * as few false starts as possible. The lookup map is built on first use.
 */
import { TRIGRAMS, TRIGRAM_PPM } from './trigram-table.js';

let byWindow: Map<number, number> | undefined;

/** Parts per million of the lower-cased bytes `b0 b1 b2` in real code; 0 if rarer than the 6,000 listed. */
export function trigramPpm(b0: number, b1: number, b2: number): number {
  if (!byWindow) {
    byWindow = new Map();
    for (let i = 0; i < TRIGRAM_PPM.length; i++)
      byWindow.set((TRIGRAMS.charCodeAt(3 * i) << 16) | (TRIGRAMS.charCodeAt(3 * i + 1) << 8) | TRIGRAMS.charCodeAt(3 * i + 2), TRIGRAM_PPM[i]);
  }
  return byWindow.get((b0 << 16) | (b1 << 8) | b2) ?? 0;
}
