/**
 * How a batch's outcomes travel from a worker back to the pool. Most files hold nothing: their
 * outcome is only a byte count, so a batch goes back as one array of counts (and, for blobs, of
 * content checks) plus the few outcomes that say more, instead of one cloned object per file.
 */
import type { WorkOutcome } from './work-item.js';

export interface PackedOutcomes {
  bytes: Float64Array;
  /** contentMatches per item: -1 not asked, 0 false, 1 true. */
  contentMatches: Int8Array;
  /** The outcomes with findings, a note or certificates, by their index in the batch. */
  full: Array<[index: number, outcome: WorkOutcome]>;
}

export function packOutcomes(outcomes: WorkOutcome[]): PackedOutcomes {
  const bytes = new Float64Array(outcomes.length);
  const contentMatches = new Int8Array(outcomes.length);
  const full: Array<[number, WorkOutcome]> = [];
  outcomes.forEach((outcome, i) => {
    bytes[i] = outcome.bytes;
    contentMatches[i] = outcome.contentMatches === undefined ? -1 : outcome.contentMatches ? 1 : 0;
    if (outcome.findings.length || outcome.skipped || outcome.certificates) full.push([i, outcome]);
  });
  return { bytes, contentMatches, full };
}

export function unpackOutcomes({ bytes, contentMatches, full }: PackedOutcomes): WorkOutcome[] {
  const outcomes: WorkOutcome[] = Array.from(bytes, (count, i) =>
    contentMatches[i] === -1 ? { findings: [], bytes: count } : { findings: [], bytes: count, contentMatches: contentMatches[i] === 1 },
  );
  for (const [i, outcome] of full) outcomes[i] = outcome;
  return outcomes;
}
