// Verification is declared in rule data (`verify: <check>`): every check a built-in rule names has a
// provider behind it, and a finding of a rule that names none is never sent anywhere.
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
import type { Finding } from '../src/types.js';
import { providerFor } from '../src/verify/providers.js';

/** A finding that carries everything any check needs (partner values, the app beside it, a certificate). */
const equipped = (ruleId: string): Finding => ({
  ruleId,
  title: 't',
  severity: 'high',
  path: 'a.env',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  rawSecret: 'x',
  fingerprint: 'f',
  secretHash: 'h',
  validity: 'unchecked',
  lineText: '',
  details: {
    app: { clientId: '8f3b2a4c-1d5e-4f6a-9b7c-0d1e2f3a4b5c', tenant: 'contoso.onmicrosoft.com' },
    certificateThumbprint: 'ab'.repeat(20),
    keyType: 'rsa',
  },
  partnerValues: { accountSid: `AC${'0f'.repeat(16)}`, accessKeyId: 'AKIA2OGYBAH6QWERTYZX', accountName: 'contosoblob' },
});

describe('verify in rule data', () => {
  it('every check a built-in rule names is implemented by the provider of that name', () => {
    const named = builtinRules().filter((r) => r.verify);
    expect(named.length).toBeGreaterThanOrEqual(14);
    for (const rule of named) expect(providerFor(equipped(rule.id))?.verifier, rule.id).toBe(rule.verify);
  });

  it('a rule that names no check gets none, whatever its id looks like', () => {
    for (const id of ['generic.credential-assignment', 'twilio.made-up-by-a-repository', 'github.classic-pat-lookalike'])
      expect(providerFor(equipped(id)), id).toBeUndefined();
  });

  it('a check still needs what it sends: no partner account, no request', () => {
    const bare = { ...equipped('aws.secret-access-key'), partnerValues: {} };
    expect(providerFor(bare)).toBeUndefined();
  });
});
