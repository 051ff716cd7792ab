import { isPlaceholder } from '../placeholders.js';
import type { ValidatorResult } from './types.js';

/** HTTP Basic credentials: base64 of `user:password` with a real password. */
export function validateBasicAuth(secret: string): ValidatorResult {
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return { validity: 'unchecked', drop: true };
  const password = decoded.slice(colon + 1);
  if (password.length < 6 || isPlaceholder(password) || /^(?:password|passwd|pass|secret|changeme|admin)$/i.test(password))
    return { validity: 'unchecked', drop: true };
  return { validity: 'parsed', details: { user: decoded.slice(0, colon) } };
}
