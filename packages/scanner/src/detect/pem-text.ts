/**
 * PEM blocks in the shapes they are leaked in: indented in YAML block scalars or with tabs, one line
 * with `\n` (or `\r\n`, or double-escaped `\\n`) escapes inside a JSON string, split over
 * concatenated string literals (`"…\n" +`, Python's and C's adjacent literals), or base64-encoded as
 * a whole. Each is read back into its label, header fields and base64 body, so node:crypto can parse it.
 */

export interface PemBlock {
  /** `RSA PRIVATE KEY`, `PRIVATE KEY`, `CERTIFICATE`... */
  label: string;
  /** RFC 1421 header fields (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) of legacy encrypted keys. */
  headers: string[];
  /** The body's base64 characters, without line breaks, quotes or indentation. */
  base64: string;
  /** Whether the END line with the same label was found. */
  complete: boolean;
  /** The label of an END line that names another one (`BEGIN RSA PRIVATE KEY` … `END PRIVATE KEY`). */
  endLabel?: string;
  /** A body line held something other than base64 (`...`, `<your key>`, prose): a template, not a key. */
  prose: boolean;
}

/** `\n`, `\r\n` and `\r` escapes, single or double (`\\n`, as JSON inside JSON writes them). */
const ESCAPED_BREAK = /(?:\\{1,2}r)?\\{1,2}n|\\{1,2}r/g;
/**
 * Where one string literal ends and the next begins: `" +\n  "`, `"\n  "` (Python, C), `' + '`,
 * `", "` (arrays of lines), `" . "` (PHP), `' \` + newline + `+ '` (a Python line continuation).
 */
const LITERAL_JOIN = /["'`](?:\s|\\(?=\r?\n))*[+,.]?\s*(?:[bBrRuU]|@|\$)?["'`]/g;
const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Undoes escapes and literal joins, so the text has one PEM line per real line. */
function unescapePemText(text: string): string {
  return text.replace(ESCAPED_BREAK, '\n').replace(LITERAL_JOIN, '').replace(/\r\n?/g, '\n');
}

/** The first PEM block in `text` (in any of the shapes above), or undefined when there is no BEGIN line. */
export function readPemBlock(text: string): PemBlock | undefined {
  const plain = unescapePemText(text);
  const begin = BEGIN.exec(plain);
  if (!begin) return undefined;
  const label = begin[1];
  const rest = plain.slice(begin.index + begin[0].length);
  const end = /-----END ([A-Z0-9 ]+)-----/.exec(rest);
  const body = end ? rest.slice(0, end.index) : rest;
  const headers: string[] = [];
  let base64 = '';
  let prose = false;
  for (const raw of body.split('\n')) {
    // Indentation (YAML block scalars, tabs); literal quotes went with the joins above.
    const line = raw.trim();
    if (!line) continue;
    if (/^[A-Za-z-]+: /.test(line) && !base64) headers.push(line);
    else if (BASE64_LINE.test(line)) base64 += line;
    else prose = true;
  }
  const complete = end?.[1] === label;
  return { label, headers, base64, complete, prose, ...(end && !complete ? { endLabel: end[1] } : {}) };
}

/** The block as canonical PEM (64-character lines), under `label` (defaults to the block's own). */
export function toPem(block: PemBlock, label = block.label): string {
  const lines = block.base64.match(/.{1,64}/g) ?? [];
  const headers = block.headers.length ? `${block.headers.join('\n')}\n\n` : '';
  return `-----BEGIN ${label}-----\n${headers}${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** `-----BEGIN ` in base64 (at the start of the encoded text): a whole PEM file encoded once more. */
export const BASE64_PEM_PREFIX = 'LS0tLS1CRUdJTi';

/** A base64-encoded PEM file decoded back to text, or undefined when it does not decode to one. */
export function decodeBase64Pem(encoded: string): string | undefined {
  const text = Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('latin1');
  return text.startsWith('-----BEGIN ') ? text : undefined;
}
