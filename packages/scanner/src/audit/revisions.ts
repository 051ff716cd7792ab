/**
 * The revision set an audit walks: every user-supplied revision resolved to a commit id first, so
 * git only ever sees ids (a value such as `--output=FILE` is a usage error, never an option).
 */
import { ConfigError } from '../errors.js';
import { resolveCommit } from '../sources/git-history.js';

export interface RevisionChoice {
  /** `A..B` or `A...B`: only what those commits introduce. */
  range?: string;
  /** Commits after REV up to HEAD. */
  since?: string;
  /** One branch's history. */
  branch?: string;
}

/** The revisions to walk (default: all refs, tags and stash). */
export function auditRevisions(repo: string, choice: RevisionChoice): string[] {
  const commit = (flag: string, rev: string): string => {
    if (rev.startsWith('-')) throw new ConfigError(`${flag}: not a revision (starts with "-"): ${rev}`);
    const sha = resolveCommit(repo, rev);
    if (!sha) throw new ConfigError(`${flag}: unknown revision: ${rev}`);
    return sha;
  };
  if (choice.range !== undefined) {
    const range = /^(.*?)(\.\.\.?)(.*)$/s.exec(choice.range);
    if (!range) return [commit('--range', choice.range)];
    return [`${commit('--range', range[1] || 'HEAD')}${range[2]}${commit('--range', range[3] || 'HEAD')}`];
  }
  if (choice.since !== undefined) return [`${commit('--since', choice.since)}..${commit('--since', 'HEAD')}`];
  if (choice.branch !== undefined) return [commit('--branch', choice.branch)];
  return ['--all'];
}
