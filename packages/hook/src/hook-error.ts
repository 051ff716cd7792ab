/** A problem the user can fix (printed as one line, exit 2). */
export class HookError extends Error {
  override name = 'HookError';
}

/** The directory is in no git work tree: nothing to hook (npm's `prepare` in an unpacked tarball). */
export class NotInRepositoryError extends HookError {
  override name = 'NotInRepositoryError';
}
