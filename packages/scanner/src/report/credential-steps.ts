/**
 * Rotation steps for this very credential, where the finding knows which app it belongs to: the
 * portal path to that app registration, the `az` commands with its client id, the secret's hint as
 * Entra shows it, and a federated identity credential for this repository's GitHub workflows. They
 * come before the rule's general playbook steps.
 */
import { redact } from '../detect/redact.js';
import { shellQuote } from './shell-quote.js';
import { awsAccountId } from '../detect/validators/aws.js';
import type { Finding } from '../types.js';

/** Entra keeps the first three characters of a client secret as its `hint` (the credential list shows it). */
const HINT_LENGTH = 3;

/** `owner/repo` of a GitHub remote (https, ssh or scp-like), else undefined. */
function githubRepository(remoteUrl: string | undefined): string | undefined {
  const match = /github\.com[:/]+([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(remoteUrl ?? '');
  return match ? `${match[1]}/${match[2]}` : undefined;
}

const portal = (host: string | undefined) =>
  host === 'login.microsoftonline.us'
    ? 'portal.azure.us'
    : host === 'login.chinacloudapi.cn' || host === 'login.partner.microsoftonline.cn'
      ? 'portal.azure.cn'
      : 'entra.microsoft.com';

/**
 * Steps for credentials that come in parts, where the partner found beside the secret names the
 * account: the Okta org, the Atlassian site, the Twilio account, the AWS account. Domains and account
 * ids are identifiers and shown; partner values that could be secrets stay redacted.
 */
function pairedSteps(finding: Finding): string[] {
  const partners = finding.partnerValues ?? {};
  if (finding.ruleId.startsWith('okta.') && partners.orgDomain) {
    const org = partners.orgDomain;
    return [
      `This credential belongs to the Okta org ${org}: https://${org.replace(/^https?:\/\//, '')}/admin/access/api/tokens (Security › API › Tokens) lists API tokens by name and owner; revoke it there, or for an app's client secret: Applications › the app › General › Client Credentials › generate a new secret and deactivate the old one.`,
    ];
  }
  if (finding.ruleId.startsWith('atlassian.') && partners.site) {
    const site = partners.site.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    return [
      `This API token is used against ${site}${partners.email ? ` by the account ${redact(partners.email)}` : ''}: that account owner revokes it at id.atlassian.com › Security › API tokens; an admin of ${site} can also revoke user API tokens (admin.atlassian.com › Security › API tokens).`,
    ];
  }
  if (finding.ruleId.startsWith('twilio.') && partners.accountSid) {
    return [
      `This credential belongs to Twilio account ${redact(partners.accountSid)}: Console › switch to that account › Account › API keys & tokens; promote the secondary auth token (or delete the API key${partners.apiKeySid ? ` ${redact(partners.apiKeySid)}` : ''}) so the leaked one stops working.`,
    ];
  }
  if (finding.ruleId === 'aws.secret-access-key' && partners.accessKeyId) {
    const account = awsAccountId(partners.accessKeyId);
    return [
      `This secret belongs to access key ${redact(partners.accessKeyId)}${account ? ` of AWS account ${account}` : ''}: \`aws iam list-access-keys\` (as an admin of that account: \`aws iam list-users\`, then per user) finds its user; \`aws iam update-access-key --access-key-id <the key id in ${finding.path}> --status Inactive --user-name <user>\`, then delete it once nothing breaks.`,
    ];
  }
  return [];
}

export function credentialSteps(finding: Finding, remoteUrl?: string): string[] {
  const app = finding.details?.app;
  if (!app?.clientId) return pairedSteps(finding);
  const id = app.clientId;
  const where = `app registration ${id}${app.tenant ? ` in tenant ${app.tenant}` : ''}`;
  const login = app.tenant
    ? `az login --tenant ${shellQuote(app.tenant)}${app.authorityHost && app.authorityHost !== 'login.microsoftonline.com' ? ' (after `az cloud set` to that cloud)' : ''}; then `
    : '';
  const steps: string[] = [];
  const isKey = finding.ruleId.startsWith('key.');
  if (isKey) {
    const thumbprint = typeof finding.details?.certificateThumbprint === 'string' ? finding.details.certificateThumbprint : undefined;
    steps.push(
      `This private key is a certificate credential of ${where}: ${portal(app.authorityHost)} › App registrations › All applications › ${id} › Certificates & secrets › Certificates${thumbprint ? `, the certificate with thumbprint ${thumbprint}` : ''}.`,
      `${login}\`az ad app credential list --id ${id} --cert\` lists its certificates${thumbprint ? ` (find thumbprint ${thumbprint} as customKeyIdentifier)` : ''}; remove the leaked one with \`az ad app credential delete --id ${id} --key-id <keyId> --cert\` once its replacement is deployed.`,
    );
  } else {
    const hint = finding.rawSecret.slice(0, HINT_LENGTH);
    steps.push(
      `This is a client secret of ${where}: ${portal(app.authorityHost)} › App registrations › All applications › ${id} › Certificates & secrets › Client secrets; the leaked one is listed with the hint "${hint}" (its first ${HINT_LENGTH} characters).`,
      `${login}\`az ad app credential list --id ${id}\` shows each secret's keyId and hint; delete the one with hint "${hint}": \`az ad app credential delete --id ${id} --key-id <keyId>\` (after its replacement is deployed, or at once if it may be in use by an attacker).`,
    );
  }
  const repository = githubRepository(remoteUrl);
  const subject = repository ? `repo:${repository}:ref:refs/heads/main` : 'repo:<owner>/<repo>:ref:refs/heads/main';
  steps.push(
    `Replace it with no secret at all: for GitHub Actions a federated identity credential, \`az ad app federated-credential create --id ${id} --parameters '{"name":"github-main","issuer":"https://token.actions.githubusercontent.com","subject":"${subject}","audiences":["api://AzureADTokenExchange"]}'\` (adjust the subject to the branch or environment that deploys); for Azure-hosted workloads a managed identity; elsewhere a certificate credential (\`az ad app credential reset --id ${id} --create-cert --append\`) with the key in a secret store.`,
  );
  return steps;
}
