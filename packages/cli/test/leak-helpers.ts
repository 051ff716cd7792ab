// Building long test secrets and searching outputs for any part of them.
import { randomBytes } from 'node:crypto';

/** Characters of a secret that may not appear together anywhere (redaction keeps at most 4). */
export const SECRET_CHUNK = 16;

/** `length` random base64 characters (no padding). */
export function base64Text(length: number): string {
  return randomBytes(length).toString('base64').replace(/=/g, '').slice(0, length);
}

/** Every SECRET_CHUNK-character piece of a secret, one starting every 8 characters, plus its end. */
export function chunksOf(secret: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i + SECRET_CHUNK <= secret.length; i += 8) chunks.push(secret.slice(i, i + SECRET_CHUNK));
  if (secret.length >= SECRET_CHUNK) chunks.push(secret.slice(-SECRET_CHUNK));
  return chunks;
}

/** The first piece of `secret` found in `text` (escaped as JSON would escape it, too), if any. */
export function leakedChunk(text: string, secret: string): string | undefined {
  const pieces = chunksOf(secret).flatMap((c) => [c, JSON.stringify(c).slice(1, -1)]);
  return pieces.find((c) => text.includes(c) || text.includes(c.replace(/\//g, '\\/')));
}

/** A syntactically valid HS256 JWT of at least `length` characters. */
export function jwtOfLength(length: number): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = enc({ alg: 'HS256', typ: 'JWT' });
  const signature = randomBytes(32).toString('base64url');
  const base = `${header}.${enc({ sub: 'user-1', iat: 1700000000, note: '' })}.${signature}`;
  const note = base64Text(Math.ceil(((length - base.length) * 3) / 4) + 3).replace(/[+/]/g, 'x');
  return `${header}.${enc({ sub: 'user-1', iat: 1700000000, note })}.${signature}`;
}
