// Cost of the keyed secret hash (scrypt, spent on low-entropy secrets) per distinct secret, against
// one SHA-256: the price a dictionary attack pays per guess, and what a report or baseline with N
// password findings adds. Random tokens get HMAC-SHA256 instead (measured too).
// Usage: node bench/secret-hash.mjs [secrets]   (after a build)
import { createHash } from 'node:crypto';
import { keyedHash, randomHashKey, SCRYPT_PARAMS } from '../packages/scanner/dist/report/secret-hash.js';

const count = Number(process.argv[2] ?? 20);
const key = randomHashKey();
const passwords = Array.from({ length: count }, (_, i) => ({
  rawSecret: `Winter${2000 + i}!`,
  secretHash: createHash('sha256')
    .update(`rule\0Winter${2000 + i}!`)
    .digest('hex'),
}));
let started = performance.now();
for (const f of passwords) keyedHash(f, key);
const scryptMs = (performance.now() - started) / count;
started = performance.now();
for (const f of passwords) keyedHash(f, key); // memoized: a second use in the same run is free
const memoMs = (performance.now() - started) / count;
const tokens = Array.from({ length: 10_000 }, (_, i) => ({
  rawSecret: createHash('sha256').update(`t${i}`).digest('base64url'),
  secretHash: createHash('sha256').update(`t${i}`).digest('hex'),
}));
started = performance.now();
for (const f of tokens) keyedHash(f, key);
const hmacMs = (performance.now() - started) / tokens.length;
started = performance.now();
for (let i = 0; i < 100_000; i++) createHash('sha256').update(`rule\0guess-${i}`).digest('hex');
const shaMs = (performance.now() - started) / 100_000;
console.log(
  `scrypt N=${SCRYPT_PARAMS.N} r=${SCRYPT_PARAMS.r} p=${SCRYPT_PARAMS.p}: ${scryptMs.toFixed(1)} ms per secret (again in the same run: ${memoMs.toFixed(3)} ms)`,
);
console.log(`HMAC-SHA256 (random tokens): ${(hmacMs * 1000).toFixed(1)} µs per secret`);
console.log(`SHA-256: ${(shaMs * 1000).toFixed(2)} µs per guess; scrypt makes each guess ~${Math.round(scryptMs / shaMs).toLocaleString('en')}× dearer`);
