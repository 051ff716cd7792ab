/**
 * The failures a user can fix, as the scanner raises them. The CLI turns each into one line and exit
 * code 2 (packages/cli/src/errors.ts); anything else that escapes is a bug.
 */

/** A problem with `.hush.json`, a baseline, an option value or a file hush was asked to read or write. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** git could not be run, or refused what hush asked of it (not a repository, a bad revision, …). */
export class GitError extends Error {
  override name = 'GitError';
}
