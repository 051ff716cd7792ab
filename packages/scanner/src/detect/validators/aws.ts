/** AWS access key ids encode the account id (for keys whose 5th character is not I or J). */
import type { ValidatorResult } from './types.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function awsAccountId(keyId: string): string | undefined {
  if (keyId.length !== 20 || keyId[4] === 'I' || keyId[4] === 'J') return undefined;
  let value = 0n;
  for (const ch of keyId.slice(4)) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5n) | BigInt(v);
  }
  // 16 chars = 80 bits = 10 bytes; the account id sits in the first 6 bytes.
  const first48 = value >> 32n;
  const account = (first48 & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, '0');
}

/** Accounts that Thinkst canarytokens.org uses: such keys are tripwires, never to be tried. */
const CANARY_ACCOUNTS = new Set(['052310077262', '171436882533', '534261010715', '595918472158', '717712589309', '819147034852', '992382622183']);

export function validateAwsAccessKeyId(secret: string): ValidatorResult {
  const account = awsAccountId(secret);
  const details: Record<string, string | number | boolean> = { keyKind: secret.startsWith('ASIA') ? 'temporary' : 'long-term' };
  if (account) details.accountId = account;
  if (account && CANARY_ACCOUNTS.has(account)) {
    details.canary = true;
    return { validity: 'parsed', severity: 'low', details };
  }
  return { validity: 'parsed', details };
}
