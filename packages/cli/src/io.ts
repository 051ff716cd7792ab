/** Where commands write: real streams for the bin, buffers in tests. */
import { writeFileSync } from 'node:fs';
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
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true && process.env.CI !== 'true' && process.env.TERM !== 'dumb',
    cwd: process.cwd(),
    env: process.env,
  };
}

export function writeReport(io: Io, text: string, output: string | undefined): void {
  if (!output) return io.stdout(text);
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
