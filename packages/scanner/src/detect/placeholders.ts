/**
 * Values that look like secrets but are templates, examples or references to a real secret kept
 * elsewhere. Applied to every rule's secret: a placeholder is never a leak.
 */
// `$apr1$`, `$y$`, `$2b$`... open crypt(3) hashes, not shell variables. `#{...}` (Ruby, CoffeeScript) and
// `$(...)` (shell) interpolate; `[a-z0-9]{40}`-style character classes are regexes describing a secret.
const TEMPLATE =
  /\$\{|\{\{|\}\}|^\$(?!(?:apr1|y|gy|2[aby]|7|argon2(?:id|i|d))\$)[A-Za-z_(]|#\{[^}]*\}|\$\([^)]*\)|\[\^?(?:[A-Za-z0-9]-[A-Za-z0-9]|\\[dwsS])|^%[A-Za-z_]+%$|^@[A-Za-z_]+@$|%[sd]|^<.*>$|<[a-z_ -]+>|\[\[|process\.env|os\.environ|getenv|env\(/i;
const EXAMPLE_WORDS =
  /example|dummy|changeme|change_me|placeholder|your[_-]?(?:own[_-]?)?(?:api[_-]?)?(?:key|secret|token|password|pass|client)|redacted|insert[_-]?here|fake[_-]?(?:key|secret|token)|not[_-]?a[_-]?(?:real|secret)|sample[_-]?(?:key|secret|token)|xxxxx|replace[_-]?(?:me|with|this)|^my[_-]?(?:pass(?:word)?|secret|token|api[_-]?key)\d*$|\*\*\*\*|\.\.\.|…|abcdefghijklmnop|0123456789abcdef|1234567890/i;

export function isPlaceholder(secret: string): boolean {
  if (TEMPLATE.test(secret) || EXAMPLE_WORDS.test(secret)) return true;
  return isMostlyOneCharacter(secret);
}

/** `aaaaaaaa`, `00000000-0000...`, `XXXX-XXXX`: at least 60% one character (ignoring separators). */
function isMostlyOneCharacter(secret: string): boolean {
  const body = secret.replace(/^[a-z]{2,4}[_-]/i, '').replace(/[-_.:/+=]/g, '');
  if (body.length < 6) return false;
  const counts = new Map<string, number>();
  let max = 0;
  for (const ch of body.toLowerCase()) {
    const n = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, n);
    if (n > max) max = n;
  }
  return max / body.length >= 0.6;
}
