/** Offline checks of token formats that embed a checksum (GitHub, npm, GitLab, Entra, Azure DevOps). */
import { BASE36_LOWER, BASE62, crc32, encodeBase, labelSeed, marvin32 } from './checksums.js';
import type { ValidatorResult } from './types.js';
import { decodeJwt } from './jwt.js';

const ascii = (text: string) => Buffer.from(text, 'latin1');

/**
 * `<prefix>_` + 30 random + 6-char base62 CRC-32 of the random part (GitHub and npm).
 * @internal exported for tests and benchmarks only
 */
export function prefixedCrcValid(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  const random = body.slice(0, 30);
  return encodeBase(crc32(ascii(random)), BASE62, 6) === body.slice(30);
}

export function validateGithubToken(secret: string): ValidatorResult {
  if (secret.length === 40) {
    return prefixedCrcValid(secret) ? { validity: 'checksum-valid' } : { validity: 'checksum-invalid', drop: true };
  }
  // The 2026 installation-token format carries a JWT GitHub tells clients not to validate:
  // confirm only that it is one.
  const jwt = decodeJwt(secret.slice(secret.indexOf('_', 4) + 1));
  return jwt ? { validity: 'parsed', details: { format: 'installation-token-2026' } } : { validity: 'unchecked' };
}

export function validateNpmToken(secret: string): ValidatorResult {
  return prefixedCrcValid(secret) ? { validity: 'checksum-valid' } : { validity: 'checksum-invalid', drop: true };
}

/** Routable GitLab tokens end in `.<len base36 ×2><crc base36 ×7>`; legacy 20-char ones carry nothing. */
export function validateGitlabToken(secret: string): ValidatorResult {
  const match = /^(glpat-[A-Za-z0-9_-]+)\.(?:([0-9a-z]{2})\.)?([0-9a-z]{2})([0-9a-z]{7})$/.exec(secret);
  if (!match) return { validity: 'unchecked' };
  const [, head, version, length, crc] = match;
  const payload = head.slice('glpat-'.length);
  if (parseInt(length, 36) !== payload.length) return { validity: 'checksum-invalid', drop: true };
  const signed = version ? `${head}.${version}.${length}` : `${head}.${length}`;
  const expected = encodeBase(crc32(ascii(signed)), BASE36_LOWER, 7);
  return expected === crc.toLowerCase() ? { validity: 'checksum-valid' } : { validity: 'checksum-invalid', drop: true };
}

const ENTRA_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890.-_~';
const ENTRA_SEED = labelSeed('AadPwd00');

/**
 * Entra `8Q~` secrets may end in 3 characters of a Marvin32 checksum. Microsoft's own scanners do not
 * rely on it and public samples fail it, so it only raises confidence: a mismatch never drops a finding.
 * @internal exported for tests and benchmarks only
 */
export function entraChecksumValid(secret: string): boolean {
  if (secret.length !== 40 || secret.slice(3, 6) !== '8Q~') return false;
  const checksum = marvin32(ENTRA_SEED, Buffer.from(secret.slice(0, 37), 'latin1'));
  return encodeBase(checksum, ENTRA_ALPHABET, 6).slice(0, 3) === secret.slice(37);
}

export function validateEntraClientSecret(secret: string): ValidatorResult {
  if (entraChecksumValid(secret)) return { validity: 'checksum-valid', details: { format: '8Q~' } };
  return { validity: 'parsed', details: { format: secret.slice(3, 6) } };
}

/** Legacy Azure DevOps PATs: 52 base32 chars → 32 bytes, CRC-32 of 28 of them XOR a constant = the other 4. */
export function validateAzureDevopsPat(secret: string): ValidatorResult {
  const bytes = base32Decode(secret.toLowerCase());
  if (!bytes || bytes.length < 32) return { validity: 'checksum-invalid', drop: true };
  const stored = (bytes[22] | (bytes[8] << 8) | (bytes[7] << 16) | (bytes[2] << 24)) >>> 0;
  const payload = [0, 1, 3, 4, 5, 6, ...range(9, 22), ...range(23, 32)].map((i) => bytes[i]);
  const crc = crc32(Uint8Array.from(payload));
  const ok = (crc ^ 0xe0b9692d) >>> 0 === stored || (crc ^ 0x1019f92e) >>> 0 === stored;
  return ok ? { validity: 'checksum-valid' } : { validity: 'checksum-invalid', drop: true };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function base32Decode(text: string): Uint8Array | undefined {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return undefined;
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
