/**
 * The organisation key (`HUSH_ORG_KEY`): every per-repository result hashes its secrets under it, so
 * `org merge` can tell that two repositories hold the same secret without ever seeing it. The key is
 * secret, and the hash is still scrypt (secret-hash.ts): a leaked result directory alone is useless
 * for guessing, and with the key each guess costs one scrypt.
 */
import { createHash, createHmac } from 'node:crypto';
import { ConfigError } from '../errors.js';
import { SCRYPT_PARAMS } from '../config/secret-hash.js';
import type { SecretHashKey } from '../types.js';

const MIN_LENGTH = 16;

export interface OrgKey {
  hashKey: SecretHashKey;
  /** Names the key in results without revealing it: results under different keys must not be merged. */
  id: string;
}

export function orgKey(secret: string | undefined): OrgKey {
  if (!secret) throw new ConfigError('HUSH_ORG_KEY is not set: give every shard the same secret key (for example `openssl rand -hex 32`)');
  if (secret.length < MIN_LENGTH) throw new ConfigError(`HUSH_ORG_KEY must be at least ${MIN_LENGTH} characters`);
  const salt = createHmac('sha256', secret).update('hush-org-salt-v1').digest('hex');
  const id = createHash('sha256').update(`hush-org-key-id-v1\0${salt}`).digest('hex').slice(0, 16);
  return { hashKey: { kdf: 'scrypt', salt, ...SCRYPT_PARAMS }, id };
}
