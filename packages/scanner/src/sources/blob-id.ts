/** Git blob ids: whether bytes are the blob an id names (how git would hash them). */
import { createHash } from 'node:crypto';

/** Whether `content` is the blob `oid` names (SHA-1 ids are 40 hex digits, SHA-256 ids 64). */
export function isContentOf(oid: string, content: Uint8Array): boolean {
  const hash = createHash(oid.length === 64 ? 'sha256' : 'sha1');
  hash.update(`blob ${content.length}\0`);
  hash.update(content);
  return hash.digest('hex') === oid;
}
