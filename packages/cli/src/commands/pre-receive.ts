/** `hush pre-receive`: run by a git server's pre-receive hook (`hush hook install --server` writes one). */
import { resolve } from 'node:path';
import { runPreReceive } from '@hush/hook';
import { admitPushQuarantine } from '@hush/scanner';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { PreReceiveArgs } from '../command-line.js';

/** git sends one short line per ref; more than this is not a pre-receive hook's input. */
const MAX_INPUT = 16 * 1024 * 1024;

export async function runPreReceiveCommand(args: PreReceiveArgs, io: Io): Promise<number> {
  // Only here may git see the pushed objects (the quarantine variables receive-pack sets).
  admitPushQuarantine();
  const stdin = await readStdin();
  // git runs the hook in the repository (a bare one's git directory) and names it in GIT_DIR.
  const gitDir = resolve(io.cwd, io.env.GIT_DIR ?? '.');
  const result = await runPreReceive({ gitDir, stdin, env: io.env, configFile: args.config && resolve(io.cwd, args.config) });
  if (result.message) io.stderr(result.message);
  // Past the budget the scan was abandoned mid-way: its git and worker processes must not keep the
  // push waiting (stderr is a pipe, written synchronously, so the message is out).
  if (result.abandoned) process.exit(result.exitCode);
  return result.exitCode;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('hush pre-receive reads git\'s "<old> <new> <ref>" lines on stdin; git runs it as a pre-receive hook');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INPUT) throw new UsageError('hush pre-receive: stdin is larger than any list of ref updates');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
