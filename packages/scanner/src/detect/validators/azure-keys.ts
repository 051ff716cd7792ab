/**
 * Microsoft "identifiable" keys (Storage, Cosmos DB, Service Bus, Event Hubs, Relay, IoT...): a
 * 4-character signature visible in the base64 text and a Marvin32 checksum in the last 4 bytes.
 */
import { labelSeed, marvin32 } from './checksums.js';
import type { ValidatorResult } from './types.js';

interface KeyKind {
  service: string;
  signature: string;
  /** Character offset of the signature in the base64 text. */
  offset: number;
  seeds: string[];
}

const KINDS: KeyKind[] = [
  { service: 'Azure Storage', signature: '+ASt', offset: 76, seeds: ['Default0'] },
  { service: 'Azure Cosmos DB', signature: 'ACDb', offset: 76, seeds: ['MastRW00', 'MastRO00', 'SysAll00', 'Resour00', 'SystRO00', 'SystRW00', 'Encryp00'] },
  { service: 'Azure Batch', signature: '+ABa', offset: 76, seeds: ['AbAcct00'] },
  { service: 'Azure API Management', signature: 'APIM', offset: 76, seeds: ['Tenant00', 'Gatewy00', 'GitKey00', 'IoTHub00'] },
  { service: 'Azure Service Bus', signature: '+ASb', offset: 33, seeds: ['Send0000', 'Listen00', 'Manage00', 'System00', 'Unknown0'] },
  { service: 'Azure Event Hubs', signature: '+AEh', offset: 33, seeds: ['Send0000', 'Listen00', 'Manage00', 'System00', 'Unknown0'] },
  { service: 'Azure Relay', signature: '+ARm', offset: 33, seeds: ['Send0000', 'Listen00', 'Manage00', 'System00', 'Unknown0'] },
  { service: 'Azure IoT Hub', signature: 'AIoT', offset: 33, seeds: ['IoTHub00', 'DpsKey00', 'Device00'] },
  { service: 'Azure Functions', signature: 'AzFu', offset: 44, seeds: ['Functi00', 'Master00', 'System00'] },
];

const seedCache = new Map<string, bigint>();
const seedOf = (label: string) => {
  let seed = seedCache.get(label);
  if (seed === undefined) seedCache.set(label, (seed = labelSeed(label)));
  return seed;
};

/**
 * True when the last 4 decoded bytes are the Marvin32 (little-endian) of the rest under `seed`.
 * @internal exported for tests and benchmarks only
 */
export function identifiableChecksumValid(key: string, seedLabel: string): boolean {
  const bytes = Buffer.from(key.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length < 8) return false;
  const body = bytes.subarray(0, bytes.length - 4);
  const stored = bytes.readUInt32LE(bytes.length - 4);
  return marvin32(seedOf(seedLabel), body) === stored;
}

export function validateAzureIdentifiableKey(secret: string): ValidatorResult {
  const kind = KINDS.find((k) => secret.slice(k.offset, k.offset + 4) === k.signature);
  // Older keys carry no signature: nothing to check offline, the surrounding context decided.
  if (!kind) return { validity: 'unchecked' };
  const seed = kind.seeds.find((label) => identifiableChecksumValid(secret, label));
  if (seed) return { validity: 'checksum-valid', details: { service: kind.service } };
  // The signature appeared by chance in random base64 and the checksum disagrees: not such a key.
  return { validity: 'checksum-invalid', drop: true, details: { service: kind.service } };
}

/**
 * Builds a key with a valid signature and checksum (for examples and tests).
 * @internal exported for tests and benchmarks only
 */
export function makeIdentifiableKey(
  randomBytes: Uint8Array,
  signature: string,
  seedLabel: string,
  totalBytes: number,
  offset = totalBytes === 64 ? 76 : totalBytes === 40 ? 44 : 33,
): string {
  const bytes = Buffer.alloc(totalBytes);
  Buffer.from(randomBytes).copy(bytes, 0, 0, totalBytes - 4);
  // Patch the signature into the base64 text, then recompute the checksum over the patched bytes.
  let text = bytes.toString('base64');
  text = text.slice(0, offset) + signature + text.slice(offset + 4);
  const patched = Buffer.from(text, 'base64');
  patched.writeUInt32LE(marvin32(seedOf(seedLabel), patched.subarray(0, totalBytes - 4)), totalBytes - 4);
  const final = patched.toString('base64');
  if (final.slice(offset, offset + 4) !== signature) throw new Error('signature overlapped the checksum');
  return final;
}
