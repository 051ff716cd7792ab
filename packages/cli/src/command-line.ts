/**
 * The command-line grammar: every command, its options and their types. Parsing is a step of its
 * own: the whole command line is checked (unknown flags, bad values, missing pairs) before any
 * command runs, and this module loads nothing but yargs, so a usage error costs no scanner start-up.
 */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { HookManager } from '@hush/hook';
import { FORMATS, type Format } from './formats.js';
import { VERSION } from './version.js';

const DEFAULT_FORMAT: Format = 'text';
const HOOK_ACTIONS = ['install', 'uninstall', 'status', 'run'] as const;
const HOOK_MANAGERS = ['git', 'hooksPath', 'husky', 'lefthook', 'pre-commit'] as const satisfies readonly HookManager[];
const IMPORT_FORMATS = ['gitleaks', 'detect-secrets'] as const;
const RULES_FORMATS = ['text', 'json'] as const;

/** A value yargs reads from the command line; repeated flags arrive as an array (the last one wins). */
type RawValue = string | number | Array<string | number> | undefined;

function lastValue(raw: RawValue): string | undefined {
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  return value === undefined ? undefined : String(value);
}

/** `--jobs`: a whole number of 1 or more. */
function parseJobs(raw: RawValue): number | undefined {
  const text = lastValue(raw);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new Error(`--jobs must be a whole number of 1 or more (got "${text}")`);
  return Number(text);
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `--max-file-size`: bytes as a whole number of 1 or more, optionally with a k, M or G suffix. */
function parseSize(raw: RawValue): number | undefined {
  const text = lastValue(raw);
  if (text === undefined) return undefined;
  const match = /^(\d+)\s*([kmg]?)b?$/i.exec(text.trim());
  const bytes = match ? Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()] : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error(`--max-file-size must be a size of 1 byte or more, like 500000, 512k or 10M (got "${text}")`);
  return bytes;
}

/** `--verify-endpoint provider=URL`, repeatable: the map of them (the URLs are checked by the scanner). */
function parseEndpoints(raw: RawValue): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  const endpoints: Record<string, string> = {};
  for (const item of (Array.isArray(raw) ? raw : [raw]).map(String)) {
    const match = /^([a-z][a-z0-9-]*)=(\S+)$/.exec(item.trim());
    if (!match) throw new Error(`--verify-endpoint takes provider=URL, like github=https://ghe.example.com/api/v3 (got "${item}")`);
    endpoints[match[1]] = match[2];
  }
  return endpoints;
}

/** Options every scanning command (scan, audit, staged) shares. */
function reportOptions(y: Argv) {
  return y
    .option('format', { alias: 'f', choices: FORMATS, default: DEFAULT_FORMAT, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file (the summary line still goes to stderr)' })
    .option('config', { alias: 'c', type: 'string', describe: 'config file (default: .hush.json in the scan or repo root)' })
    .option('jobs', { alias: 'j', type: 'string', coerce: parseJobs, defaultDescription: 'one per CPU (audit: one less, for git)', describe: 'worker threads' })
    .option('show-secrets', { type: 'boolean', default: false, describe: 'print secrets in full (they are redacted by default)' })
    .option('baseline', {
      alias: 'b',
      type: 'string',
      describe: 'report only findings not in this baseline (default: .hush-baseline.json in the root, if present)',
    })
    .option('include-suppressed', { type: 'boolean', default: false, describe: 'also report findings suppressed inline or by allow-lists' })
    .option('verify', { type: 'boolean', default: false, describe: "ask each secret's own provider whether it is live (read-only requests; network)" })
    .option('verify-endpoint', {
      type: 'string',
      array: true,
      coerce: parseEndpoints,
      describe: 'provider=URL: where --verify asks that provider (GHES, sovereign clouds); also settable in your user config',
    })
    .option('trust-repo-verify', {
      type: 'boolean',
      default: false,
      describe: "let the scanned repository's .hush.json set verification endpoints and verify.hook (default: ignored)",
    });
}

function scanOptions(y: Argv) {
  return reportOptions(y)
    .positional('paths', { type: 'string', array: true, describe: 'files, directories or globs (default: .)' })
    .option('include', { type: 'string', array: true, describe: 'only scan paths matching these globs' })
    .option('exclude', { type: 'string', array: true, describe: 'skip paths matching these globs' })
    .option('max-file-size', { type: 'string', coerce: parseSize, defaultDescription: '10M', describe: 'skip files larger than this (bytes, or with k/M/G)' });
}

function auditOptions(y: Argv) {
  return reportOptions(y)
    .positional('repo', { type: 'string', describe: 'repository path (default: .)' })
    .option('range', { type: 'string', describe: 'only blobs introduced by commits in A..B (pull-request gate)' })
    .option('since', { type: 'string', describe: 'only commits after REV (up to HEAD)' })
    .option('branch', { type: 'string', describe: 'only this branch (default: all refs, tags and stash)' })
    .option('all-objects', { type: 'boolean', default: false, describe: 'also scan blobs no ref reaches' })
    .option('submodules', { type: 'boolean', default: false, describe: 'also audit checked-out submodules' })
    .option('cache', { type: 'boolean', default: true, describe: 'reuse results for blobs already scanned (--no-cache to bypass)' })
    .option('trust-config-changes', {
      type: 'boolean',
      default: false,
      describe: 'in a --range/--since audit, apply a .hush.json or baseline the range changes (default: the base revision’s apply, and the change is reported)',
    })
    .option('max-file-size', { type: 'string', coerce: parseSize, defaultDescription: '10M', describe: 'skip blobs larger than this (bytes, or with k/M/G)' })
    .conflicts('range', ['since', 'branch']);
}

function baselineOptions(y: Argv) {
  return y
    .positional('paths', { type: 'string', array: true, describe: 'what to scan (default: .)' })
    .option('history', { type: 'boolean', default: false, describe: 'baseline the whole git history (hush audit) instead of the working tree' })
    .option('prune', { type: 'boolean', default: false, describe: 'drop entries whose secrets no longer occur' })
    .option('output', { alias: 'o', type: 'string', describe: 'baseline file (default: .hush-baseline.json in the scan root)' })
    .option('config', { alias: 'c', type: 'string', describe: 'config file' })
    .option('import', { choices: IMPORT_FORMATS, describe: 'convert another scanner’s baseline or report (with --from)' })
    .option('from', { type: 'string', describe: 'the file to import' })
    .check((argv) => {
      if (argv.import && !argv.from) throw new Error('--import needs --from FILE');
      if (argv.from && !argv.import) throw new Error('--from needs --import gitleaks|detect-secrets');
      return true;
    });
}

function purgePlanOptions(y: Argv) {
  return y
    .positional('repo', { type: 'string', describe: 'repository path (default: .)' })
    .option('output', {
      alias: 'o',
      type: 'string',
      demandOption: true,
      describe: 'the expressions file to write (0600, outside the repository: it holds raw secrets)',
    })
    .option('config', { alias: 'c', type: 'string', describe: 'config file (default: .hush.json in the repo root)' })
    .option('baseline', { alias: 'b', type: 'string', describe: 'baseline whose accepted findings are left out (default: .hush-baseline.json, if present)' })
    .option('include-baselined', { type: 'boolean', default: false, describe: 'also purge findings the baseline accepts' })
    .option('rules', { type: 'string', array: true, describe: 'only secrets found by these rule ids' })
    .option('only-history', { type: 'boolean', describe: 'only secrets no longer in HEAD' })
    .option('only-in-tree', { type: 'boolean', describe: 'only secrets still in HEAD' })
    .option('jobs', { alias: 'j', type: 'string', coerce: parseJobs, defaultDescription: 'one per CPU, less one for git', describe: 'worker threads' })
    .conflicts('only-history', 'only-in-tree');
}

function hookOptions(y: Argv) {
  return y
    .positional('action', { choices: HOOK_ACTIONS, demandOption: true })
    .option('manager', { choices: HOOK_MANAGERS, describe: 'force how hooks are wired (default: detected)' })
    .option('server', { type: 'boolean', describe: "the server's pre-receive hook of a (bare) repository, not pre-commit" })
    .option('git-dir', { type: 'string', describe: 'with --server: the repository (default: the one here)' })
    .option('config', { type: 'string', describe: 'with --server install: a policy file for the hook to use (default: hush.json in the git dir)' })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      describe: "install: print nothing, and do nothing outside a git repository (npm's prepare script implies it)",
    })
    .conflicts('server', 'manager')
    .check((argv) => {
      if (!argv.server && (argv.gitDir !== undefined || argv.config !== undefined)) throw new Error('--git-dir and --config go with --server');
      if (argv.server && argv.action === 'run') throw new Error('the server hook runs `hush pre-receive`, not `hush hook run --server`');
      if (argv.config !== undefined && argv.action !== 'install') throw new Error('--config goes with hook install --server');
      return true;
    });
}

function preReceiveOptions(y: Argv) {
  return y.option('config', {
    alias: 'c',
    type: 'string',
    describe: "the server's policy file (default: hush.json in the repository's git directory; never the push's .hush.json)",
  });
}

const configOption = {
  alias: 'c',
  type: 'string',
  describe: 'config file whose custom rules count too (default: .hush.json, found as scan finds it)',
} as const;

function explainOptions(y: Argv) {
  return y.positional('target', { type: 'string', demandOption: true }).option('config', configOption);
}

function rulesListOptions(y: Argv) {
  return y.option('format', { alias: 'f', choices: RULES_FORMATS, default: RULES_FORMATS[0] }).option('config', configOption);
}

function rulesShowOptions(y: Argv) {
  return y.positional('id', { type: 'string', demandOption: true }).option('config', configOption);
}

const ORG_PROVIDERS = ['github', 'gitlab', 'azure-devops'] as const;
const ORG_MERGE_FORMATS = ['json', 'html', 'sarif'] as const;

/** A whole number of at least `min`, for org's numeric options. */
function wholeNumber(flag: string, min: number) {
  return (raw: RawValue): number | undefined => {
    const text = lastValue(raw);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new Error(`${flag} must be a whole number of ${min} or more (got "${text}")`);
    return Number(text);
  };
}

function orgInventoryOptions(y: Argv) {
  return y
    .option('github', { type: 'string', describe: 'list this GitHub organisation (token: GITHUB_TOKEN)' })
    .option('gitlab', { type: 'string', describe: 'list this GitLab group and its subgroups (token: GITLAB_TOKEN)' })
    .option('azure-devops', { type: 'string', describe: 'list this Azure DevOps organisation (token: AZURE_DEVOPS_PAT)' })
    .option('api', { type: 'string', describe: 'API base URL (GitHub Enterprise Server, self-managed GitLab); https://, or http:// on loopback' })
    .option('archived', { type: 'boolean', default: true, describe: 'include archived repositories (--no-archived to leave them out)' })
    .option('forks', { type: 'boolean', default: false, describe: 'include forks' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the JSON lines here (default: stdout)' })
    .check((argv) => {
      const given = ORG_PROVIDERS.filter((p) => argv[p] !== undefined);
      if (given.length !== 1) throw new Error('name exactly one of --github ORG, --gitlab GROUP or --azure-devops ORG');
      for (const p of given) if (typeof argv[p] !== 'string' || !String(argv[p]).trim()) throw new Error(`--${p} needs a name`);
      return true;
    });
}

function orgRunOptions(y: Argv) {
  return y
    .option('inventory', { type: 'string', demandOption: true, describe: 'repos.jsonl from `hush org inventory`' })
    .option('out', { type: 'string', demandOption: true, describe: 'results directory: one <repository>.json per repository' })
    .option('shard', {
      type: 'string',
      coerce: wholeNumber('--shard', 0),
      defaultDescription: 'HUSH_ORG_SHARD, else JOB_COMPLETION_INDEX',
      describe: 'this shard (0-based)',
    })
    .option('of', { type: 'string', coerce: wholeNumber('--of', 1), defaultDescription: 'HUSH_ORG_SHARDS', describe: 'number of shards' })
    .option('transports', { type: 'string', default: 'https,ssh,git', describe: 'git transports clones may use (of https, ssh, git, http, file)' })
    .option('retries', {
      type: 'string',
      coerce: wholeNumber('--retries', 0),
      defaultDescription: '2',
      describe: 'extra tries for a clone that failed transiently',
    })
    .option('retry-delay', {
      type: 'string',
      coerce: wholeNumber('--retry-delay', 0),
      defaultDescription: '2',
      describe: 'seconds before the first retry (doubled each time)',
    })
    .option('work', { type: 'string', describe: 'where clones are made (default: the system temp directory)' })
    .option('config', { alias: 'c', type: 'string', describe: 'config file applied to every repository (repositories’ own configs are not trusted)' })
    .option('jobs', {
      alias: 'j',
      type: 'string',
      coerce: parseJobs,
      defaultDescription: 'one per CPU, less one for git',
      describe: 'worker threads per audit',
    })
    .option('verify', { type: 'boolean', default: false, describe: "ask each secret's own provider whether it is live (read-only requests; network)" });
}

function orgMergeOptions(y: Argv) {
  return y
    .positional('dir', { type: 'string', demandOption: true, describe: 'results directory of `hush org run`' })
    .option('format', { alias: 'f', choices: ORG_MERGE_FORMATS, default: ORG_MERGE_FORMATS[0], describe: 'report format (sarif: one file per repository)' })
    .option('output', { alias: 'o', type: 'string', describe: 'the report file (sarif: a directory); default stdout for json and html' })
    .check((argv) => {
      if (argv.format === 'sarif' && !argv.output) throw new Error('--format sarif writes one file per repository: name a directory with -o DIR');
      return true;
    });
}

/** What a builder adds, as the handler sees it (camelCase keys). */
type ArgsOf<B extends (y: Argv) => Argv<unknown>> = ArgumentsCamelCase<ReturnType<B> extends Argv<infer T> ? T : never>;

export type ScanArgs = ArgsOf<typeof scanOptions>;
export type AuditArgs = ArgsOf<typeof auditOptions>;
export type StagedArgs = ArgsOf<typeof reportOptions>;
export type BaselineArgs = ArgsOf<typeof baselineOptions>;
type HookArgs = ArgsOf<typeof hookOptions>;
export type PreReceiveArgs = ArgsOf<typeof preReceiveOptions>;
export type PurgePlanArgs = ArgsOf<typeof purgePlanOptions>;
type ExplainArgs = ArgsOf<typeof explainOptions>;
type RulesListArgs = ArgsOf<typeof rulesListOptions>;
type RulesShowArgs = ArgsOf<typeof rulesShowOptions>;
export type OrgInventoryArgs = ArgsOf<typeof orgInventoryOptions>;
export type OrgRunArgs = ArgsOf<typeof orgRunOptions>;
export type OrgMergeArgs = ArgsOf<typeof orgMergeOptions>;

/** The command the user asked for, with its checked arguments. */
export type Command =
  | { name: 'scan'; args: ScanArgs }
  | { name: 'audit'; args: AuditArgs }
  | { name: 'staged'; args: StagedArgs }
  | { name: 'baseline'; args: BaselineArgs }
  | { name: 'hook'; args: HookArgs }
  | { name: 'pre-receive'; args: PreReceiveArgs }
  | { name: 'purge-plan'; args: PurgePlanArgs }
  | { name: 'explain'; args: ExplainArgs }
  | { name: 'rules list'; args: RulesListArgs }
  | { name: 'rules show'; args: RulesShowArgs }
  | { name: 'org inventory'; args: OrgInventoryArgs }
  | { name: 'org run'; args: OrgRunArgs }
  | { name: 'org merge'; args: OrgMergeArgs };

export type Parsed =
  | { kind: 'command'; command: Command; debug: boolean }
  /** --help or --version: the text yargs produced. */
  | { kind: 'printed'; text: string }
  | { kind: 'usage-error'; message: string };

/**
 * What every installed pre-commit hook runs, exactly, parsed without building yargs' whole command
 * tree (5 ms of each commit); any other spelling (options, --help) goes through yargs.
 */
const HOOK_RUN_ARGS: HookArgs = {
  _: ['hook'],
  $0: 'hush',
  action: 'run',
  manager: undefined,
  server: undefined,
  'git-dir': undefined,
  gitDir: undefined,
  config: undefined,
  quiet: false,
};
const HOOK_RUN: Parsed = { kind: 'command', command: { name: 'hook', args: HOOK_RUN_ARGS }, debug: false };

/** Parses and checks the whole command line; runs nothing. */
export async function parseCommandLine(argv: string[], width: number): Promise<Parsed> {
  if (argv.length === 2 && argv[0] === 'hook' && argv[1] === 'run') return HOOK_RUN;
  // Loaded here, not at start-up: the hook's fast path above would pay for initialising yargs (and node:assert).
  const { default: yargs } = await import('yargs');
  let chosen: Command | undefined;
  let failure: string | undefined;
  const parser = yargs(argv)
    .scriptName('hush')
    .usage('$0 <command> [options]\n\nFinds hard-coded secrets and tells you how to rotate each one.')
    .option('debug', { type: 'boolean', default: false, describe: 'show stack traces on errors' })
    .command('scan [paths..]', 'scan files and directories (the working tree)', scanOptions, (args) => void (chosen = { name: 'scan', args }))
    .command('audit [repo]', 'scan the whole git history: every unique blob, once', auditOptions, (args) => void (chosen = { name: 'audit', args }))
    .command(
      'staged',
      'scan what is staged for the next commit (index content, added lines)',
      reportOptions,
      (args) => void (chosen = { name: 'staged', args }),
    )
    .command(
      'hook <action>',
      'install, uninstall or inspect the git pre-commit hook (run: what the hook executes)',
      hookOptions,
      (args) => void (chosen = { name: 'hook', args }),
    )
    .command(
      'pre-receive',
      "what a git server's pre-receive hook runs: reject a push that adds secrets (reads git's ref lines on stdin)",
      preReceiveOptions,
      (args) => void (chosen = { name: 'pre-receive', args }),
    )
    .command(
      'baseline [paths..]',
      'accept current findings (hashes only) so only new ones are reported; --prune, --import',
      baselineOptions,
      (args) => void (chosen = { name: 'baseline', args }),
    )
    .command(
      'purge-plan [repo]',
      'write a git filter-repo plan that removes the found secrets from history (0600, outside the repo)',
      purgePlanOptions,
      (args) => void (chosen = { name: 'purge-plan', args }),
    )
    .command(
      'explain <target>',
      'the full rotation playbook for a rule id or a finding fingerprint',
      explainOptions,
      (args) => void (chosen = { name: 'explain', args }),
    )
    .command('rules', 'list the detection rules, or show one with its rotation playbook', (y) =>
      y
        .command('list', 'list every rule (built-in and from .hush.json)', rulesListOptions, (args) => void (chosen = { name: 'rules list', args }))
        .command('show <id>', 'show a rule and its rotation playbook', rulesShowOptions, (args) => void (chosen = { name: 'rules show', args }))
        .demandCommand(1, 'name a rules subcommand: list or show <id>'),
    )
    .command('org', 'audit every repository of an organisation: inventory, run one shard, merge the shards', (y) =>
      y
        .command(
          'inventory',
          "list the organisation's repositories (JSON lines)",
          orgInventoryOptions,
          (args) => void (chosen = { name: 'org inventory', args }),
        )
        .command('run', "audit one shard's repositories into DIR", orgRunOptions, (args) => void (chosen = { name: 'org run', args }))
        .command('merge <dir>', "merge the shards' results into one report", orgMergeOptions, (args) => void (chosen = { name: 'org merge', args }))
        .demandCommand(1, 'name an org subcommand: inventory, run or merge <dir>'),
    )
    .demandCommand(1, 'name a command (see hush --help)')
    .strict()
    .version(VERSION)
    .help()
    .wrap(width)
    .exitProcess(false)
    .fail((message, error) => {
      // Everything that fails while parsing (an unknown flag, a bad value, a check) is a usage error.
      failure = message ?? error?.message ?? 'invalid command line';
    });
  let printed = '';
  try {
    await parser.parseAsync(argv, {}, (_error, _parsed, output) => {
      printed = output;
    });
  } catch (error) {
    failure ??= (error as Error).message;
  }
  if (failure !== undefined) return { kind: 'usage-error', message: failure };
  if (!chosen) return { kind: 'printed', text: printed };
  return { kind: 'command', command: chosen, debug: chosen.args.debug === true };
}
