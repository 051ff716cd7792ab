const MASK = '********';

/** Masking for output: keep a short prefix so people can recognise the credential, never more. */
export function redact(secret: string): string {
  // Already redacted (cached findings carry only this form): leave it as it is.
  if (secret.endsWith(MASK) && secret.length <= MASK.length + 40 && !secret.slice(0, -MASK.length).includes('*')) return secret;
  // A PEM header names the key type and is not secret; the body is.
  const pem = /^-----BEGIN [A-Z0-9 ]+-----/.exec(secret);
  if (pem) return `${pem[0]}${'*'.repeat(8)}`;
  const single = secret.replace(/\s+/g, ' ');
  const keep = Math.min(4, Math.floor(single.length / 4));
  return `${single.slice(0, keep)}${'*'.repeat(8)}`;
}

/** Replaces every occurrence of each secret in a text (used for snippets and messages). */
export function redactIn(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    // Secrets spanning lines (PEM) are replaced line by line so every fragment disappears.
    for (const piece of secret.split(/\r?\n|\\n/)) {
      if (piece.length >= 4) out = out.split(piece).join(redact(piece));
    }
  }
  return out;
}
