/**
 * Text from a repository (file names, author names, rule titles) made safe for a terminal: control
 * characters (ESC sequences could hide or rewrite lines) and bidirectional overrides are shown as
 * escapes instead of reaching the terminal.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
