/**
 * The hash of a secret that leaves the process (baselines, JSON and SARIF `secretHash`): scrypt over
 * the in-memory identity (SHA-256 of rule id and secret) with a salt, so a dictionary of guesses costs
 * one scrypt per guess and per salt instead of one SHA-256.
 *
 * The salt: a baseline's own random salt when there is a baseline; else, in a git repository, one
 * derived from its root commit (stable across CI runs and clones, so SARIF fingerprints stay stable);
 * outside a repository a fixed one. The last two are public, so the work factor is what protects.
 */
import { randomBytes, scrypt, scryptSync } from 'node:crypto';
import { gitSync } from '../sources/git-process.js';
import type { Finding, SecretHashKey } from '../types.js';

/** 16 MB and about 40 ms per distinct secret on an idle core of the 2-core test machine (bench/secret-hash.mjs). */
export const SCRYPT_PARAMS = { N: 1 << 14, r: 8, p: 1 } as const;

export function randomHashKey(): SecretHashKey {
  return { kdf: 'scrypt', salt: randomBytes(16).toString('hex'), ...SCRYPT_PARAMS };
}

/** The salt for outputs without a baseline: from the repository's first root commit, else fixed. */
export function repositoryHashKey(dir: string): SecretHashKey {
  let roots: string[] = [];
  try {
    roots = gitSync(dir, ['rev-list', '--max-parents=0', '--end-of-options', 'HEAD', '--'], { allowFailure: true })
      .toString('latin1')
      .split('\n')
      .filter((l) => /^[0-9a-f]{40,64}$/.test(l));
  } catch {
    /* git missing or not a repository */
  }
  const root = roots.sort()[0];
  return root ? { kdf: 'scrypt', salt: Buffer.from(`hush-repository:${root}`).toString('hex'), ...SCRYPT_PARAMS } : NO_REPOSITORY_KEY;
}

/** For outputs made with no repository and no baseline at hand (and for library callers that pass no key). */
export const NO_REPOSITORY_KEY: SecretHashKey = { kdf: 'scrypt', salt: Buffer.from('hush-no-repository').toString('hex'), ...SCRYPT_PARAMS };

/**
 * A key read from a baseline file. Only work factors this version can afford are accepted: a
 * committed baseline with N = 2^20, r = 32 would make every scan allocate gigabytes.
 */
export function isHashKey(value: unknown): value is SecretHashKey {
  const k = value as SecretHashKey;
  return (
    typeof k === 'object' &&
    k !== null &&
    k.kdf === 'scrypt' &&
    typeof k.salt === 'string' &&
    /^(?:[0-9a-f]{2}){8,64}$/.test(k.salt) &&
    [1 << 14, 1 << 15, 1 << 16].includes(k.N) &&
    k.r === 8 &&
    k.p === 1
  );
}

/** One derivation per distinct (key, secret) in a run. */
const memo = new Map<string, string>();

/** The keyed hash of one in-memory secret identity (`Finding.secretHash`). */
export function keyedHash(identity: string, key: SecretHashKey): string {
  const id = `${key.salt}\0${key.N}\0${key.r}\0${key.p}\0${identity}`;
  let hash = memo.get(id);
  if (!hash) {
    hash = scryptSync(identity, Buffer.from(key.salt, 'hex'), 32, { N: key.N, r: key.r, p: key.p, maxmem: 256 * key.N * key.r + (1 << 20) }).toString('hex');
    memo.set(id, hash);
  }
  return hash;
}

/**
 * Derives the keyed hashes of many identities at once on libuv's thread pool (all cores), so a
 * report of hundreds of findings does not pay one synchronous scrypt after another; `keyedHash`
 * then answers from the memo.
 */
export async function warmKeyedHashes(identities: readonly string[], key: SecretHashKey): Promise<void> {
  const todo = [...new Set(identities)].filter((identity) => !memo.has(`${key.salt}\0${key.N}\0${key.r}\0${key.p}\0${identity}`));
  await Promise.all(
    todo.map(
      (identity) =>
        new Promise<void>((resolve, reject) =>
          scrypt(identity, Buffer.from(key.salt, 'hex'), 32, { N: key.N, r: key.r, p: key.p, maxmem: 256 * key.N * key.r + (1 << 20) }, (error, derived) => {
            if (error) return reject(error);
            memo.set(`${key.salt}\0${key.N}\0${key.r}\0${key.p}\0${identity}`, derived.toString('hex'));
            resolve();
          }),
        ),
    ),
  );
}

/** The findings with `keyedHash` set under `key`. */
export function keyFindings<F extends Finding>(findings: F[], key: SecretHashKey): F[] {
  return findings.map((f) => ({ ...f, keyedHash: keyedHash(f.secretHash, key) }));
}
