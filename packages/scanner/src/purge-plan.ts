/**
 * A plan to purge found secrets from git history with `git filter-repo --replace-text`: the
 * expressions file (one line per distinct secret, replaced by ***REMOVED***) and the ordered steps
 * around it. The file necessarily holds the raw secrets, so callers write it 0600 outside the repo.
 */
import { PURGE_MARKER } from './detect/purge-marker.js';
import { shellQuote } from './shell-quote.js';
import type { Finding } from './types.js';

export interface PurgeSelection {
  /** Only these rule ids (default: all). */
  rules?: readonly string[];
  /** Only secrets that are no longer in HEAD, or only those still in it. */
  only?: 'history' | 'in-tree';
}

/** The findings a purge covers, given the user's choice. */
export function selectForPurge(findings: readonly Finding[], selection: PurgeSelection): Finding[] {
  return findings.filter(
    (f) =>
      (!selection.rules?.length || selection.rules.includes(f.ruleId)) &&
      (selection.only === undefined || (selection.only === 'history' ? f.inHead === false : f.inHead !== false)),
  );
}

/**
 * One expression line for a secret. filter-repo reads the file line by line and splits a line at
 * `==>`, so a secret holding a line break or `==>` (PEM keys, odd passwords) is written as a regex
 * with every non-alphanumeric character escaped; plain secrets are written as literals.
 */
function expressionFor(secret: string): string {
  const literal = !/[\r\n]/.test(secret) && !secret.includes('==>') && !/^(regex|glob|literal):/.test(secret);
  if (literal) return `literal:${secret}==>${PURGE_MARKER}`;
  const escaped = [...secret].map((c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : /[A-Za-z0-9_]/.test(c) || c.charCodeAt(0) > 127 ? c : `\\${c}`)).join('');
  return `regex:${escaped}==>${PURGE_MARKER}`;
}

/** The expressions file: distinct secrets, longest first (so no shorter secret cuts into a longer one). */
export function purgeExpressions(findings: readonly Finding[]): { text: string; secrets: number } {
  const secrets = [...new Set(findings.map((f) => f.rawSecret).filter((s) => s.length > 0))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const header = '# git filter-repo --replace-text expressions written by hush purge-plan.\n# It holds raw secrets: delete it when the purge is done.\n';
  return { text: header + secrets.map((s) => `${expressionFor(s)}\n`).join(''), secrets: secrets.length };
}

/** The steps around the rewrite, in the order they must happen. */
export function purgeSteps(expressionsFile: string, remote: string | undefined): string[] {
  const origin = remote ?? '<the repository URL>';
  return [
    'Rotate every secret first: purging history does not revoke anything, and clones, forks, caches and CI logs keep the old history (`hush rules show <rule-id>` has each playbook).',
    'Tell collaborators: the rewrite changes every commit id from the first one with a secret; they must re-clone (or hard-reset) afterwards, and open pull requests must be recreated.',
    `Work on a fresh mirror clone, never on a working copy: git clone --mirror ${origin} purge.git && cd purge.git`,
    `Rewrite: git filter-repo --replace-text ${shellQuote(expressionsFile)}`,
    'Check the result: hush audit . --no-cache (the purged secrets must be gone; anything still found needs another line in the file).',
    'Publish: git push --force --mirror origin (every branch and tag; protected branches may need their protection lifted for the push).',
    'Ask the hosting provider to drop cached views, pull-request refs and other copies of the old commits (for GitHub: a support request naming the affected commits; GitLab: run housekeeping and prune unreachable objects).',
    `Delete the expressions file, which holds the raw secrets: rm ${shellQuote(expressionsFile)}`,
  ];
}
