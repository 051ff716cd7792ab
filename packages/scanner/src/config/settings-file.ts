/**
 * Reading a settings file (`.hush.json`, a baseline, the user's config): only a regular file, and
 * only up to a size cap. A FIFO there would block the read forever and a link to /dev/zero would
 * never end, so the file is opened without blocking, checked with fstat on the very descriptor that
 * is read, and read no further than the cap.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/** Larger settings files are refused: real ones are kilobytes; baselines of 100,000 entries fit. */
export const MAX_SETTINGS_FILE_BYTES = 32 * 1024 * 1024;

/** The text of a regular file of at most `cap` bytes; anything else is one ConfigError line naming `label`. */
export function readSettingsFile(path: string, label: string, cap = MAX_SETTINGS_FILE_BYTES): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ConfigError(`${label}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigError(`${label}: is not a regular file (${kindOf(stat)}); hush reads settings only from regular files`);
    if (stat.size > cap) throw new ConfigError(`${label}: is ${stat.size} bytes, over the ${cap}-byte limit for settings files`);
    const buffer = Buffer.alloc(Math.min(stat.size, cap) + 1);
    let length = 0;
    // Read to the cap plus one byte: a file that grows while being read is refused, not read forever.
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > cap) throw new ConfigError(`${label}: is over the ${cap}-byte limit for settings files`);
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${label}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
