/**
 * What the purge plan has `git filter-repo` put where each secret was. It is hush's own text: a
 * value holding it is a secret already removed, never a finding (else a purge could never pass
 * its re-audit).
 */
export const PURGE_MARKER = '***REMOVED***';
