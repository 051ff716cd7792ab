/** Where commands write: real streams for the bin, buffers in tests. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colours and progress only on an interactive terminal. */
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return {
    stdout: pipeWriter(process.stdout),
    stderr: pipeWriter(process.stderr),
    isTTY: process.stdout.isTTY === true && process.env.CI !== 'true' && process.env.TERM !== 'dumb',
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * A reader that stops early (`hush scan | head`) has what it wanted: the first EPIPE quietly ends
 * output to that stream, and the command still finishes with its own exit code.
 */
function pipeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed && !stream.destroyed) stream.write(text);
  };
}

/** A directory named on the command line (a repository to audit), resolved; else one clear line. */
export function existingDirectory(io: Io, given: string): string {
  const path = resolve(io.cwd, given);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${given}: no such directory`);
  if (!stat.isDirectory()) throw new UsageError(`${given}: not a directory`);
  return path;
}
