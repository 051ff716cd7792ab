// Round 7e through the real built CLI: Slack Enterprise Grid webhook URLs, Pixie API and deploy keys,
// kubeadm bootstrap tokens in their other documented places, and Cypress record keys given to `cypress run`.
// Every value here is generated from the documented shape, not taken from any other project.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { BASE62, HEX, LOWER_ALNUM, providerFindings, scanFiles, UPPER_ALNUM, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);

const DIGITS = '0123456789';
/** A lower-case UUID of generated hex digits. */
const uuid = (seed: string) => [8, 4, 4, 4, 12].map((n, i) => value(`${seed}-${i}`, n, HEX)).join('-');

describe('round 7e: formats hush did not know yet, each found only in its documented form', () => {
  it('finds Slack workflow and trigger URLs of an Enterprise Grid organization, not an incoming webhook under one', () => {
    const found = findings({
      'hooks.env': [
        `SLACK_WORKFLOW_URL=https://hooks.slack.com/workflows/E${value('eg-org', 10, UPPER_ALNUM)}/A${value('eg-app', 10, UPPER_ALNUM)}/${value('eg-wf', 18, DIGITS)}/${value('eg-secret', 24)}`,
        `SLACK_TRIGGER_URL=https://hooks.slack.com/triggers/E${value('eg-org', 10, UPPER_ALNUM)}/${value('eg-tr', 13, DIGITS)}/${value('eg-tr-secret', 32, HEX)}`,
      ].join('\n'),
      'lookalikes.txt': [
        // Incoming webhooks belong to a workspace (`T…`); a trigger path without its secret.
        `https://hooks.slack.com/services/E${value('eg-org', 10, UPPER_ALNUM)}/B${value('eg-bot', 10, UPPER_ALNUM)}/${value('eg-hook', 24)}`,
        `https://hooks.slack.com/triggers/E${value('eg-org', 10, UPPER_ALNUM)}/${value('eg-tr', 13, DIGITS)}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'hooks.env')).toEqual([
      [1, 'slack.webhook-url'],
      [2, 'slack.webhook-url'],
    ]);
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
  });

  it('finds Pixie API and deploy keys by their prefixes, and stays quiet on short, zero and placeholder ones', () => {
    const found = findings({
      'pixie.env': [
        `PX_API_KEY=px-api-${uuid('px-api')}`,
        `helm install pixie pixie-operator/pixie-operator-chart --set deployKey=px-dep-${uuid('px-dep')}`,
      ].join('\n'),
      'lookalikes.txt': [
        `PX_API_KEY=px-api-${uuid('px-short').slice(0, 28)}`,
        'PX_DEPLOY_KEY=px-dep-00000000-0000-0000-0000-000000000000',
        'PX_API_KEY=px-api-<your-api-key>',
        // A bare UUID is no Pixie key.
        `PX_API_KEY=${uuid('px-bare')}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'pixie.env')).toEqual([
      [1, 'newrelic.pixie-key'],
      [2, 'newrelic.pixie-key'],
    ]);
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
  });

  it('finds kubeadm bootstrap tokens passed as --tls-bootstrap-token and in a bootstrap-token Secret, not the shape without that context', () => {
    const tokenId = value('bt-id', 6, LOWER_ALNUM);
    const tokenSecret = value('bt-secret', 16, LOWER_ALNUM);
    const found = findings({
      'join.sh': `kubeadm join 10.0.0.10:6443 --tls-bootstrap-token=${value('join-id', 6, LOWER_ALNUM)}.${value('join-secret', 16, LOWER_ALNUM)} --discovery-token-unsafe-skip-ca-verification\n`,
      'token-secret.yaml': [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        `  name: bootstrap-token-${tokenId}`,
        '  namespace: kube-system',
        'type: bootstrap.kubernetes.io/token',
        'stringData:',
        `  token-id: ${tokenId}`,
        `  token-secret: ${tokenSecret}`,
        '  usage-bootstrap-authentication: "true"',
      ].join('\n'),
      'token-data.yaml': [
        'kind: Secret',
        'type: bootstrap.kubernetes.io/token',
        'data:',
        `  token-id: ${Buffer.from(tokenId).toString('base64')}`,
        `  token-secret: ${Buffer.from(tokenSecret).toString('base64')}`,
      ].join('\n'),
      // The same shapes with no kubeadm or bootstrap context nearby.
      'lookalikes.txt': [
        `client --token ${value('other-id', 6, LOWER_ALNUM)}.${value('other-secret', 16, LOWER_ALNUM)}`,
        `token-secret: ${value('other-ts', 16, LOWER_ALNUM)}`,
      ].join('\n'),
      // With kubeadm named: a secret part too short, and a placeholder.
      'join-lookalikes.sh': [
        `kubeadm join 10.0.0.10:6443 --token ${value('short-id', 6, LOWER_ALNUM)}.${value('short-secret', 10, LOWER_ALNUM)}`,
        'kubeadm join 10.0.0.10:6443 --token <token>',
      ].join('\n'),
    });
    expect(providerFindings(found, 'join.sh')).toEqual([[1, 'kubernetes.bootstrap-token']]);
    expect(providerFindings(found, 'token-secret.yaml')).toEqual([[9, 'kubernetes.bootstrap-token']]);
    expect(providerFindings(found, 'token-data.yaml')).toEqual([[5, 'kubernetes.bootstrap-token']]);
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
    expect(providerFindings(found, 'join-lookalikes.sh')).toEqual([]);
  });

  it('finds a Cypress record key given to cypress run --key, on one line or continued over several, not other UUIDs beside cypress run', () => {
    const found = findings({
      'ci.sh': [`npx cypress run --record --key ${uuid('cy-run')} --parallel`, 'yarn cypress run \\', '  --record \\', `  --key=${uuid('cy-cont')}`].join('\n'),
      'lookalikes.txt': [
        `npx cypress run --record --project ${uuid('cy-project')}`,
        'npx cypress run --record --key $CYPRESS_RECORD_KEY',
        `npx cypress run --record --key ${uuid('cy-short').slice(0, 30)}`,
        `deploy --key ${uuid('cy-other')} ${value('noise', 8, BASE62)}`,
      ].join('\n'),
    });
    expect(providerFindings(found, 'ci.sh')).toEqual([
      [1, 'cypress.record-key'],
      [4, 'cypress.record-key'],
    ]);
    expect(providerFindings(found, 'lookalikes.txt')).toEqual([]);
  });
});
