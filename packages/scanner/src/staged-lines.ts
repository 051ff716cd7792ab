/**
 * Which lines of a staged file are new: those no committed version of the file has, compared as
 * whole lines. Content decides, never diff text, so a line that looks like diff syntax (`++ x`) or a
 * file name with spaces cannot hide or invent a change; a line moved or repeated is not new. The
 * pre-commit hook judges staged files this way, and the pre-receive hook each pushed commit's files.
 */
import type { Finding } from './types.js';

/** Text the way the engine numbers it: UTF-16 when a byte-order mark says so, else bytes as latin1. */
function asText(content: Buffer): string {
  if (content.length >= 2 && content[0] === 0xff && content[1] === 0xfe) return content.subarray(2).toString('utf16le');
  if (content.length >= 2 && content[0] === 0xfe && content[1] === 0xff)
    return Buffer.from(content.subarray(2, content.length - (content.length % 2)))
      .swap16()
      .toString('utf16le');
  return content.toString('latin1');
}

/** Lines split as the engine counts them: `\r\n`, `\n` and a lone `\r` each end a line. */
function linesOf(content: Buffer): string[] {
  return asText(content).split(/\r\n|\n|\r/);
}

/** One flag per line of `staged` (index 0 = line 1): true when no `committed` version has that line. */
export function newLineFlags(staged: Buffer, committed: Buffer[]): boolean[] {
  const known = new Set<string>();
  for (const version of committed) for (const line of linesOf(version)) known.add(line);
  return linesOf(staged).map((line) => !known.has(line));
}

/** A finding counts when any of its lines is new (`undefined`: every line is). */
export function touchesNewLine(finding: Finding, isNew: boolean[] | undefined): boolean {
  if (!isNew) return true;
  for (let line = finding.line; line <= Math.max(finding.line, finding.endLine); line++) if (isNew[line - 1] ?? true) return true;
  return false;
}
