// Credentials that come in parts: the secret is reported once, and the partner values found near it
// (on other lines too) are recorded redacted in `details`, never in full.
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
import { compileRuleset } from '../src/detect/ruleset.js';
import { scanContent } from '../src/detect/scan-file.js';

const ruleset = compileRuleset(builtinRules());
const scan = (path: string, text: string) => scanContent(path, Buffer.from(text), ruleset, {}).findings.filter((f) => !f.suppression);

describe('partner values', () => {
  const cases: Array<{ name: string; path: string; text: string; rule: string; details: Record<string, string>; raw: string[] }> = [
    {
      name: 'Atlassian token with e-mail and site',
      path: 'jira.env',
      text: 'JIRA_URL=https://acme-team.atlassian.net\nJIRA_USER=release.bot@acme.io\n\nJIRA_API_TOKEN=Zk3Lm9Qp2Rs7Tv4Wx8Yz1Ab5\n',
      rule: 'atlassian.api-token-legacy',
      details: { email: 'rele********', site: 'acme********' },
      raw: ['release.bot@acme.io', 'acme-team.atlassian.net'],
    },
    {
      name: 'Square application secret with its application id',
      path: 'square.yaml',
      text: 'square:\n  application_id: sandbox-sq0idb-Qm7vX2pL9kR4tW8nB3cH6j\n  application_secret: sq0csb-Hq2mN8vT4kL9pW3xR7zB1cF_Zk3Lm9Qp2Rs7Tv4Wx8Y\n',
      rule: 'square.application-secret',
      details: { applicationId: 'sand********' },
      raw: ['sandbox-sq0idb-Qm7vX2pL9kR4tW8nB3cH6j'],
    },
    {
      name: 'Braintree private key with merchant id and public key',
      path: 'payments.js',
      text: 'const gateway = new braintree.BraintreeGateway({\n  environment: braintree.Environment.Production,\n  merchantId: "k7q2m9x4v8p3n6w1",\n  publicKey: "h5t8r2y6u9e3w7q4",\n  privateKey: "3f9a2c1d8e7b6a5f4e3d2c1b0a9f8e7d",\n});\n',
      rule: 'braintree.api-private-key',
      details: { merchantId: 'k7q2********', publicKey: 'h5t8********' },
      raw: ['k7q2m9x4v8p3n6w1', 'h5t8r2y6u9e3w7q4'],
    },
    {
      name: 'Algolia admin key with its application id',
      path: '.env',
      text: 'ALGOLIA_APP_ID=Q7X2M9K4V8\nALGOLIA_SEARCH_KEY=0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f\nALGOLIA_ADMIN_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n',
      rule: 'algolia.admin-key',
      details: { applicationId: 'Q7********' },
      raw: ['Q7X2M9K4V8'],
    },
    {
      name: 'Okta API token with its org domain',
      path: 'okta.py',
      text: 'client = OktaClient({\n    "orgUrl": "https://acme-prod.okta.com",\n    "token": "00Qm7vX2pL9kR4tW8nB3cH6jF1sD5gA0eY7uI2oP4z",\n})\n',
      rule: 'okta.api-token-near-domain',
      details: { orgDomain: 'acme********' },
      raw: ['acme-prod.okta.com'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings = scan(c.path, c.text);
      const finding = findings.find((f) => f.ruleId === c.rule);
      expect(finding, JSON.stringify(findings.map((f) => f.ruleId))).toBeDefined();
      expect(finding!.details).toMatchObject(c.details);
      const details = JSON.stringify(finding!.details);
      for (const value of c.raw) expect(details).not.toContain(value);
    });
  }

  it('a partner is never the secret itself, and a missing partner records nothing', () => {
    const [finding] = scan('twilio.env', 'TWILIO_AUTH_TOKEN=78b6aea426107136bd244e82de00ffce\n');
    expect(finding.ruleId).toBe('twilio.api-key');
    expect(finding.details?.accountSid).toBeUndefined();
  });
});
