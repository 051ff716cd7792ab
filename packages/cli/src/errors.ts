/**
 * How a failure reaches the user, decided in one place: a problem the user can fix (usage, config,
 * git, hook set-up, a file that cannot be read) is one line and exit 2; anything else is a bug and
 * says "internal error" (exit 2 too; --debug adds the stack).
 */

/** A failure the user can fix, raised by the CLI itself. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Failure {
  /** The one line printed after "hush: ". */
  line: string;
  internal: boolean;
}

/** Node's system errors (ENOENT, EACCES, …) from reading or writing a file the user named. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
};

export async function describeFailure(error: unknown): Promise<Failure> {
  const err = error instanceof Error ? error : new Error(String(error));
  if (await isUserFixable(err)) return { line: oneLine(err.message), internal: false };
  const system = err as NodeJS.ErrnoException;
  if (typeof system.code === 'string' && SYSTEM_ERRORS[system.code] && typeof system.path === 'string') {
    return { line: `${system.path}: ${SYSTEM_ERRORS[system.code]}`, internal: false };
  }
  return { line: `internal error: ${oneLine(err.message)}`, internal: true };
}

/**
 * The error classes of the packages below. They are imported here, on the failure path only, so a
 * command that succeeds never loads a package just to be able to recognise its errors.
 */
async function isUserFixable(error: Error): Promise<boolean> {
  if (error instanceof UsageError) return true;
  const [{ ConfigError, GitError }, { HookError }] = await Promise.all([import('@hush/scanner'), import('@hush/hook')]);
  return error instanceof ConfigError || error instanceof GitError || error instanceof HookError;
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
