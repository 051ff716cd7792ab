/**
 * Why a value a generic rule found is no credential, beyond the shared placeholder filter: the
 * generic rules see only a secret-sounding name and a random-looking value, so they defer to what a
 * token can be. Such candidates are listed under --include-suppressed with the reason.
 */

/** Names of human-chosen secrets: any printable character may be in one. */
const PASSWORD_NAME = /pass(?:word|wd|phrase)?|pwd/i;

/**
 * Keys and tokens are issued in base64, base64url, hex, base32, base58 or alphanumeric alphabets
 * (with `.`, `_`, `-`, `~` as separators) so they survive URLs and headers; `?` would start a URL's
 * query and is in none of them. A password may hold one, so only values not named as a password count.
 */
export function notATokenReason(secret: string, name: string | undefined): string | undefined {
  if (name === undefined || PASSWORD_NAME.test(name)) return undefined;
  if (secret.includes('?')) return 'not a token: `?` is in no key or token alphabet (only a password, named as one, may hold it)';
  return undefined;
}
