/**
 * JWT decoding without verification: issuer, audience and expiry grade the finding. The one
 * signature checked is against the example keys jwt.io publishes: a token anyone can sign is a sample.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ValidatorResult } from './types.js';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = decodeSegment(parts[0]);
  const payload = decodeSegment(parts[1]);
  if (!header || !payload || typeof header.alg !== 'string') return undefined;
  return { header, payload };
}

/**
 * The HMAC keys jwt.io's debugger fills in (today's, and the per-size ones it showed before 2024), and
 * the one-word keys library READMEs sign their examples with (PyJWT's `secret`, node-jsonwebtoken's
 * `shhhhh`) and that tutorials copy. Tutorials, READMEs and tests copy tokens signed with them; since
 * the key is public or guessed at the first try, whoever reads the token could have minted it: it
 * proves nothing and grants nothing a real service would accept.
 */
const PUBLISHED_KEYS = ['a-string-secret-at-least-256-bits-long', 'your-256-bit-secret', 'your-384-bit-secret', 'your-512-bit-secret'];
const GUESSABLE_KEYS = [
  'secret',
  'shhhhh',
  'secretkey',
  'secret-key',
  'secret_key',
  'your-secret-key',
  'your_secret_key',
  'mysecret',
  'key',
  'password',
  'changeme',
  'test',
];
const SAMPLE_KEYS = [...PUBLISHED_KEYS, ...GUESSABLE_KEYS];
const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** The published or guessable example key an HS256/384/512 token is signed with, if any. */
function publishedSigningKey(token: string, alg: string): string | undefined {
  const hash = HMAC_HASHES[alg.toUpperCase()];
  if (!hash) return undefined;
  const dot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  const signed = token.slice(0, dot);
  return SAMPLE_KEYS.find((key) => {
    const mac = createHmac(hash, key).update(signed).digest();
    return mac.length === signature.length && timingSafeEqual(mac, signature);
  });
}

const ENTRA_ISSUER = /^https:\/\/(?:login\.microsoftonline\.com|sts\.windows\.net|login\.microsoftonline\.us|login\.chinacloudapi\.cn)\//i;

export function validateJwt(secret: string, now = Date.now()): ValidatorResult {
  const jwt = decodeJwt(secret);
  if (!jwt) return { validity: 'unchecked', drop: true };
  const { payload } = jwt;
  const details: Record<string, string | number | boolean> = { algorithm: String(jwt.header.alg) };
  const sampleKey = publishedSigningKey(secret, details.algorithm as string);
  if (sampleKey)
    return {
      validity: 'parsed',
      details,
      sample: PUBLISHED_KEYS.includes(sampleKey)
        ? "signed with jwt.io's published example key: anyone can mint it, so it is a sample"
        : `signed with the key \`${sampleKey}\` of library examples: anyone can mint it, so it is a sample`,
    };
  if (typeof payload.iss === 'string') {
    details.issuer = payload.iss;
    if (ENTRA_ISSUER.test(payload.iss)) details.issuerName = 'Microsoft Entra ID';
  }
  if (payload.aud !== undefined)
    details.audience = Array.isArray(payload.aud) ? payload.aud.join(' ') : typeof payload.aud === 'string' ? payload.aud : JSON.stringify(payload.aud);
  if (payload.aud === 'api://AzureADTokenExchange') details.kind = 'federated credential assertion';
  if (typeof payload.exp === 'number') {
    details.expiresAt = new Date(payload.exp * 1000).toISOString();
    if (payload.exp * 1000 < now) return { validity: 'expired', severity: 'low', details };
  }
  // An Entra-issued token is a live bearer credential until it expires. A shared-secret (HS*) token
  // naming no issuer is what tests and tutorials sign with a made-up key: report it, but low.
  if (details.issuerName) return { validity: 'parsed', severity: 'high', details };
  if (/^HS\d+$/i.test(details.algorithm as string) && payload.iss === undefined)
    return { validity: 'parsed', severity: 'low', details: { ...details, note: 'HMAC-signed, no issuer' } };
  return { validity: 'parsed', details };
}
