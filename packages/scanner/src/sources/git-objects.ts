/**
 * Streams blob contents with one `git cat-file --batch` process: ids go in, `<oid> <type> <size>\n`
 * headers and contents come out, parsed incrementally so no more than one blob is held at a time
 * (the main thread copies each byte once and looks only at headers).
 */
import { GitError } from '../errors.js';
import { gitAsync, gitStream, gitSync } from './git-process.js';

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
  let rest = oids;
  while (rest.length) {
    let answered = 0;
    for await (const blob of readBatch(repo, rest)) {
      answered++;
      yield blob;
    }
    // git before 2.45 stops at a missing object of a partial clone (it may not fetch it), and may at
    // a damaged one: that id is missing, and the ids after it are asked for again.
    if (answered < rest.length) yield { oid: rest[answered], missing: true };
    rest = rest.slice(answered + 1);
  }
}

async function* readBatch(repo: string, oids: string[]): AsyncGenerator<BlobContent | MissingBlob> {
  const { child, exited } = gitStream(repo, ['cat-file', '--batch']);
  child.stdin.on('error', () => {});
  // Feed ids without blocking on the pipe: write as fast as git drains them.
  void (async () => {
    for (const oid of oids) {
      if (!child.stdin.write(`${oid}\n`)) await new Promise((r) => child.stdin.once('drain', r));
    }
    child.stdin.end();
  })();

  // Each blob is copied once, from git's pipe reads straight into a buffer of its own size that owns
  // its memory, so the pool can hand it to a worker (transfer) without another copy. Headers may
  // straddle reads: only their few bytes are carried over.
  let header = '';
  let blob: { oid: string; content: Buffer; filled: number } | undefined;
  let newline = false;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    let at = 0;
    while (at < chunk.length) {
      if (blob) {
        const n = Math.min(chunk.length - at, blob.content.length - blob.filled);
        chunk.copy(blob.content, blob.filled, at, at + n);
        blob.filled += n;
        at += n;
        if (blob.filled < blob.content.length) continue;
        const done = blob;
        blob = undefined;
        newline = true;
        yield { oid: done.oid, content: done.content };
        continue;
      }
      if (newline) {
        // The newline git writes after each blob's content.
        newline = false;
        at++;
        continue;
      }
      const nl = chunk.indexOf(10, at);
      if (nl < 0) {
        header += chunk.toString('latin1', at);
        break;
      }
      const line = header + chunk.toString('latin1', at, nl);
      header = '';
      at = nl + 1;
      const parts = line.split(' ');
      if (parts[1] === 'missing' || parts.length < 3) {
        yield { oid: parts[0], missing: true };
        continue;
      }
      const size = Number(parts[2]);
      if (size > 0) blob = { oid: parts[0], content: Buffer.allocUnsafeSlow(size), filled: 0 };
      else {
        newline = true;
        yield { oid: parts[0], content: Buffer.alloc(0) };
      }
    }
  }
  const { code, stderr } = await exited;
  if (code !== 0 && blob) throw new GitError(`git cat-file failed: ${stderr.trim().split('\n')[0]}`);
}

/** Sizes and types of objects, without their contents (`cat-file --batch-check`). */
function parseBatchCheck(output: string): Map<string, { type: string; size: number }> {
  const info = new Map<string, { type: string; size: number }>();
  for (const line of output.split('\n')) {
    const [oid, type, size] = line.split(' ');
    if (oid && type && type !== 'missing') info.set(oid, { type, size: Number(size) });
  }
  return info;
}

/**
 * A partial clone (a promisor remote) is where git would fetch a missing object on demand. hush
 * blocks every transport, so there older git (before 2.45) stops at the first missing object instead.
 */
export function isPartialClone(repo: string): boolean {
  const promisors = gitSync(repo, ['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], { allowFailure: true });
  return promisors.toString().trim().length > 0;
}

/** Above this many ids, listing every local object once beats asking for ids one by one. */
const ENUMERATE_ABOVE = 64;

/**
 * Types and sizes of those `oids` that are present locally. Absent ones are left out and never
 * fetched: in a partial clone only local objects are looked up.
 */
export async function presentObjects(repo: string, oids: string[]): Promise<Map<string, { type: string; size: number }>> {
  if (!oids.length) return new Map();
  const batchCheck = async (ids: string[]) =>
    (await gitAsync(repo, ['cat-file', '--batch-check'], { input: ids.join('\n') + '\n', allowFailure: true })).toString('latin1');
  if (!isPartialClone(repo)) return parseBatchCheck(await batchCheck(oids));
  const present = new Map<string, { type: string; size: number }>();
  if (oids.length > ENUMERATE_ABOVE) {
    // --batch-all-objects lists what is stored here (packs, loose objects, alternates), nothing remote.
    const local = parseBatchCheck((await gitAsync(repo, ['cat-file', '--batch-all-objects', '--batch-check', '--unordered'])).toString('latin1'));
    for (const oid of oids) {
      const info = local.get(oid);
      if (info) present.set(oid, info);
    }
    return present;
  }
  // Few ids (a commit's staged files): git writes one line per id as it goes, so when it stops,
  // the id after the last line is the missing one; note it and ask for the rest.
  let rest = oids;
  while (rest.length) {
    const lines = (await batchCheck(rest)).split('\n').filter(Boolean);
    for (const [oid, info] of parseBatchCheck(lines.join('\n'))) present.set(oid, info);
    rest = lines.length < rest.length ? rest.slice(lines.length + 1) : [];
  }
  return present;
}
