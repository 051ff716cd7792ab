import { isPlaceholder } from '../placeholders.js';
import type { ValidatorResult } from './types.js';

/** Passwords that stand for "no password yet": default words, and short all-digit PINs of a template. */
const DEFAULT_PASSWORD = /^(?:password|passwd|pass|secret|changeme|admin|root|test|demo|guest|user|\d{4,5})$/i;

/**
 * HTTP Basic credentials: base64 of `user:password` with a real password. A short password (4 or 5
 * characters) is weak, not fake; the decoded text may span lines (a registry's `_json_key:` auth holds
 * a whole JSON key file).
 */
export function validateBasicAuth(secret: string): ValidatorResult {
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e\t\r\n]+$/.test(decoded)) return { validity: 'unchecked', drop: true };
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (password.length < 4 || password === user || isPlaceholder(password) || DEFAULT_PASSWORD.test(password)) return { validity: 'unchecked', drop: true };
  return { validity: 'parsed', details: { user } };
}
