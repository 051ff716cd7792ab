/** `hush org inventory`: the organisation's repositories as JSON lines (repos.jsonl). */
import { writeOutputFile } from '@hush/scanner';
import { checkEndpoint, listRepositories, type ProviderName } from '@hush/scanner/org';
import type { OrgInventoryArgs } from '../command-line.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

const TOKEN_VARIABLE: Record<ProviderName, string> = { github: 'GITHUB_TOKEN', gitlab: 'GITLAB_TOKEN', 'azure-devops': 'AZURE_DEVOPS_PAT' };

export async function runOrgInventory(args: OrgInventoryArgs, io: Io): Promise<number> {
  const provider: ProviderName = args.github !== undefined ? 'github' : args.gitlab !== undefined ? 'gitlab' : 'azure-devops';
  const owner = String(args.github ?? args.gitlab ?? args.azureDevops).trim();
  if (args.api !== undefined) {
    const problem = checkEndpoint(args.api);
    if (problem) throw new UsageError(`--api ${problem}`);
  }
  const token = io.env[TOKEN_VARIABLE[provider]] || undefined;
  if (provider === 'azure-devops' && !token) throw new UsageError('AZURE_DEVOPS_PAT is not set (Azure DevOps lists repositories only to a signed-in user)');
  const entries = await listRepositories({
    provider,
    owner,
    api: args.api,
    token,
    includeArchived: args.archived,
    includeForks: args.forks,
    progress: (line) => io.stderr(`hush: ${line}\n`),
  });
  const text = entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '');
  if (args.output) writeOutputFile(args.output, text);
  else io.stdout(text);
  io.stderr(`hush: ${entries.length} repositories${args.output ? ` written to ${args.output}` : ''}\n`);
  return 0;
}
