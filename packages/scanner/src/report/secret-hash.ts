/**
 * The hash of a secret that leaves the process (baselines, JSON and SARIF `secretHash`), keyed with a
 * salt over the in-memory identity (SHA-256 of rule id and secret).
 *
 * Scheme 3 (current): a low-entropy value (a password, anything a dictionary could reach) gets scrypt,
 * so each guess costs one scrypt per salt; a high-entropy token (a random string of 128 bits or more,
 * which no one can enumerate) gets HMAC-SHA256 under the same salt, as cheap as it is safe. The choice depends only
 * on the secret, so one secret always hashes the same way. Scheme 2 (version 2 baselines): scrypt for
 * every secret; still computed to match those baselines until `hush baseline --prune` migrates them.
 *
 * The salt: a baseline's own random salt when there is a baseline; else, in a git repository, one
 * derived from its root commit (stable across CI runs and clones, so SARIF fingerprints stay stable);
 * outside a repository a fixed one. The last two are public, so the work factor is what protects.
 */
import { createHmac, randomBytes, scrypt, scryptSync } from 'node:crypto';
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

/** 2: scrypt for every secret (version 2 baselines); 3: scrypt for low-entropy secrets only. */
export type HashScheme = 2 | 3;

/** What a keyed hash is made from: the identity, and the raw value only to judge its entropy. */
type Hashable = Pick<Finding, 'secretHash' | 'rawSecret'>;

/**
 * Whether guessing `secret` is hopeless: 128 bits or more by its character frequencies, with no
 * whitespace, and spread as evenly as only random output is: at least 4.3 bits a character (words,
 * even long passphrases, stay near 4), or for hex at least 32 digits and 3.2 bits a digit. Anything
 * else counts as a password and gets the slow hash.
 */
function isHighEntropy(secret: string): boolean {
  if (/\s/.test(secret)) return false;
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const n of counts.values()) bitsPerChar -= (n / secret.length) * Math.log2(n / secret.length);
  if (/^[0-9a-f]+$/i.test(secret)) return secret.length >= 32 && bitsPerChar >= 3.2;
  return bitsPerChar >= 4.3 && bitsPerChar * secret.length >= 128;
}

const slowOnes = (findings: readonly Hashable[], scheme: HashScheme) => findings.filter((f) => scheme === 2 || !isHighEntropy(f.rawSecret));

/** One scrypt derivation per distinct (key, secret) in a run. */
const memo = new Map<string, string>();
const memoKey = (identity: string, key: SecretHashKey) => `${key.salt}\0${key.N}\0${key.r}\0${key.p}\0${identity}`;

function slowHash(identity: string, key: SecretHashKey): string {
  const id = memoKey(identity, key);
  let hash = memo.get(id);
  if (!hash) {
    hash = scryptSync(identity, Buffer.from(key.salt, 'hex'), 32, { N: key.N, r: key.r, p: key.p, maxmem: 256 * key.N * key.r + (1 << 20) }).toString('hex');
    memo.set(id, hash);
  }
  return hash;
}

/** The keyed hash of a finding's secret as outputs carry it. */
export function keyedHash(finding: Hashable, key: SecretHashKey, scheme: HashScheme = 3): string {
  if (scheme === 3 && isHighEntropy(finding.rawSecret)) {
    // Domain-separated from scrypt's output: the two can never be mistaken for each other.
    return createHmac('sha256', Buffer.from(key.salt, 'hex')).update(`hush-secret-hash-v3\0${finding.secretHash}`).digest('hex');
  }
  return slowHash(finding.secretHash, key);
}

/** The distinct identities of `findings` whose slow hash is still to be derived under `key`. */
export function slowHashesToDo(findings: readonly Hashable[], key: SecretHashKey, scheme: HashScheme = 3): string[] {
  return [...new Set(slowOnes(findings, scheme).map((f) => f.secretHash))].filter((identity) => !memo.has(memoKey(identity, key)));
}

/**
 * Derives the slow hashes of many findings at once on libuv's thread pool (all cores), so a report
 * of hundreds of passwords does not pay one synchronous scrypt after another; `keyedHash` then
 * answers from the memo. High-entropy secrets need nothing ahead.
 */
export async function warmKeyedHashes(findings: readonly Hashable[], key: SecretHashKey, scheme: HashScheme = 3): Promise<void> {
  await Promise.all(
    slowHashesToDo(findings, key, scheme).map(
      (identity) =>
        new Promise<void>((resolve, reject) =>
          scrypt(identity, Buffer.from(key.salt, 'hex'), 32, { N: key.N, r: key.r, p: key.p, maxmem: 256 * key.N * key.r + (1 << 20) }, (error, derived) => {
            if (error) return reject(error);
            memo.set(memoKey(identity, key), derived.toString('hex'));
            resolve();
          }),
        ),
    ),
  );
}

/** The findings with `keyedHash` set under `key`. */
export function keyFindings<F extends Finding>(findings: F[], key: SecretHashKey, scheme: HashScheme = 3): F[] {
  return findings.map((f) => ({ ...f, keyedHash: keyedHash(f, key, scheme) }));
}
