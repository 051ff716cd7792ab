/**
 * The contract between sources and the scan pipeline (scan/pipeline.ts): what a source yields and where each
 * item came from. Sources implement it; the pipeline consumes it without knowing the source.
 */
import type { SkippedFile } from '../types.js';
import type { WorkItem } from '../run/work-item.js';
import type { BlobOrigin } from './git-history.js';

/**
 * Where scanned content came from (as Nosey Parker records provenance): a file of the tree; a
 * staged index entry; a git blob with the commits and paths that reach it (`key`: the blob under one
 * class of its paths, see audit-paths.ts).
 */
export type Provenance = { kind: 'file'; path: string } | { kind: 'staged'; path: string; oid: string } | { kind: 'history'; key: string; blob: BlobOrigin };

/** One thing a source yields: content to scan, or a note that some content could not be scanned. */
export type SourceItem<P> = { provenance: P; work: WorkItem } | { provenance: P; skipped: SkippedFile };

export interface Source<P> {
  items: Iterable<SourceItem<P>> | AsyncIterable<SourceItem<P>>;
  /**
   * How the pool is chosen: `probe` counts the first items (a walk of unknown length); a size known
   * up front decides at once; `small` stays in-process unless user rules need the workers' watchdog.
   */
  plan: 'probe' | 'small' | { items: number; bytes: number };
}
