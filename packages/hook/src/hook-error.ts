import { HookError } from './safe-write.js';

/** The directory is in no git work tree: nothing to hook (npm's `prepare` in an unpacked tarball). */
export class NotInRepositoryError extends HookError {
  override name = 'NotInRepositoryError';
}
