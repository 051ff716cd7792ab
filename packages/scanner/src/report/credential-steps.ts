/**
 * Rotation steps for this very credential, where the finding knows which app it belongs to: the
 * portal path to that app registration, the `az` commands with its client id, the secret's hint as
 * Entra shows it, and a federated identity credential for this repository's GitHub workflows. They
 * come before the rule's general playbook steps.
 */
import { shellQuote } from '../shell-quote.js';
import type { Finding } from '../types.js';

/** Entra keeps the first three characters of a client secret as its `hint` (the credential list shows it). */
const HINT_LENGTH = 3;

/** `owner/repo` of a GitHub remote (https, ssh or scp-like), else undefined. */
function githubRepository(remoteUrl: string | undefined): string | undefined {
  const match = /github\.com[:/]+([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(remoteUrl ?? '');
  return match ? `${match[1]}/${match[2]}` : undefined;
}

const portal = (host: string | undefined) =>
  host === 'login.microsoftonline.us' ? 'portal.azure.us' : host === 'login.chinacloudapi.cn' || host === 'login.partner.microsoftonline.cn' ? 'portal.azure.cn' : 'entra.microsoft.com';

export function credentialSteps(finding: Finding, remoteUrl?: string): string[] {
  const app = finding.details?.app;
  if (!app?.clientId) return [];
  const id = app.clientId;
  const where = `app registration ${id}${app.tenant ? ` in tenant ${app.tenant}` : ''}`;
  const login = app.tenant ? `az login --tenant ${shellQuote(app.tenant)}${app.authorityHost && app.authorityHost !== 'login.microsoftonline.com' ? ' (after `az cloud set` to that cloud)' : ''}; then ` : '';
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
