/**
 * POSIX shell quoting for commands hush prints or writes: bare when safe, else single quotes.
 * `always`: single quotes even when safe (hook scripts, whose lines stay one shape for every path).
 */
export function shellQuote(text: string, always = false): string {
  return !always && /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
