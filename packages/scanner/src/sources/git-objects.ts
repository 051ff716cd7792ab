/**
 * Streams blob contents with one `git cat-file --batch` process: ids go in, `<oid> <type> <size>\n`
 * headers and contents come out, parsed incrementally so no more than one blob is held at a time.
 */
import { gitSpawn, GitError } from './git-process.js';

export interface BlobContent {
  oid: string;
  content: Buffer;
}

export interface MissingBlob {
  oid: string;
  missing: true;
}

/** Yields each requested blob (in request order); missing or corrupt objects are yielded as such. */
export async function* readBlobs(repo: string, oids: string[]): AsyncGenerator<BlobContent | MissingBlob> {
  if (!oids.length) return;
  const child = gitSpawn(repo, ['cat-file', '--batch']);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 0)));
  child.stdin.on('error', () => {});
  // Feed ids without blocking on the pipe: write as fast as git drains them.
  void (async () => {
    for (const oid of oids) {
      if (!child.stdin.write(`${oid}\n`)) await new Promise((r) => child.stdin.once('drain', r));
    }
    child.stdin.end();
  })();

  let buffer: Buffer = Buffer.alloc(0);
  let pending: { oid: string; size: number } | undefined;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    while (true) {
      if (!pending) {
        const nl = buffer.indexOf(10);
        if (nl < 0) break;
        const header = buffer.subarray(0, nl).toString('latin1');
        buffer = buffer.subarray(nl + 1);
        const parts = header.split(' ');
        if (parts[1] === 'missing' || parts.length < 3) {
          yield { oid: parts[0], missing: true };
          continue;
        }
        pending = { oid: parts[0], size: Number(parts[2]) };
      }
      if (buffer.length < pending.size + 1) break;
      const content = Buffer.from(buffer.subarray(0, pending.size));
      buffer = buffer.subarray(pending.size + 1);
      const done = pending;
      pending = undefined;
      yield { oid: done.oid, content };
    }
  }
  const code = await exited;
  if (code !== 0 && pending) throw new GitError(`git cat-file failed: ${stderr.trim().split('\n')[0]}`);
}

/** Sizes and types of objects, without their contents (`cat-file --batch-check`). */
export function parseBatchCheck(output: string): Map<string, { type: string; size: number }> {
  const info = new Map<string, { type: string; size: number }>();
  for (const line of output.split('\n')) {
    const [oid, type, size] = line.split(' ');
    if (oid && type && type !== 'missing') info.set(oid, { type, size: Number(size) });
  }
  return info;
}
