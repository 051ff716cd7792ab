/**
 * Why a value a generic rule found is no credential, beyond the shared placeholder filter: the
 * generic rules see only a secret-sounding name and a random-looking value, so they defer to what a
 * token can be. Such candidates are listed under --include-suppressed with the reason.
 */

import { base64Text, isInterleavedWalks } from './placeholders.js';

/** Names of human-chosen secrets: any printable character may be in one. */
const PASSWORD_NAME = /pass(?:word|wd|phrase)?|pwd/i;
/** A method call (`"+this.getSignatureValueHex().substr(0,16)+"`): code between two string literals, not a value. */
const METHOD_CALL = /\.[A-Za-z_$][\w$]*\(/;

/**
 * Keys and tokens are issued in base64, base64url, hex, base32, base58 or alphanumeric alphabets
 * (with `.`, `_`, `-`, `~` as separators) so they survive URLs and headers; `?` would start a URL's
 * query and is in none of them. A password may hold one, so only values not named as a password count.
 */
export function notATokenReason(secret: string, name: string | undefined): string | undefined {
  if (name === undefined || PASSWORD_NAME.test(name)) return undefined;
  if (secret.includes('?')) return 'not a token: `?` is in no key or token alphabet (only a password, named as one, may hold it)';
  if (METHOD_CALL.test(secret)) return 'not a token: a method call, code between two string literals';
  if (isInterleavedWalks(secret)) return 'placeholder: its letters and its digits each run in alphabet or keyboard order';
  if (isEncodedProse(secret)) return 'not a token: base64 of plain text (words and spaces), not of random bytes';
  return undefined;
}

/**
 * Base64 whose bytes are printable text with spaces between words: an encoded message in a sample or a
 * test ("Hello from ..."), where a key's bytes are random (a random 12-byte key decodes to printable
 * text about once in 150,000 draws). Text without spaces (`user:password`, a JSON-free token) still counts.
 */
function isEncodedProse(secret: string): boolean {
  const text = base64Text(secret, 16);
  return text !== undefined && text.split(' ').length > 2;
}
