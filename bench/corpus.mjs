// Builds the benchmark corpus: real third-party code nobody here wrote (a fresh npm install of a
// fixed list of popular packages), a few planted secrets, and a git repository with a few hundred
// commits over it. Reused from the cache directory when already built.
import { execFileSync, execSync } from 'node:child_process';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the corpus and its history live: outside the repository (HUSH_BENCH_CACHE, else
 * ~/.cache/hush-bench), because inside a git work tree `hush scan` lists files as git does and would
 * pass over a gitignored corpus.
 */
export const CORPUS_DIR = join(process.env.HUSH_BENCH_CACHE || join(homedir(), '.cache', 'hush-bench'), 'corpus');

export const PACKAGES = ['typescript@5.9.3', '@babel/core@7', 'eslint@9', 'webpack@5', 'aws-sdk@2', 'googleapis@150', 'lodash@4', 'moment@2'];
export const PLANTED = {
  'planted/appsettings.json': '{ "AzureAd": { "ClientSecret": "xSd8Q~kMkO.PW2~B3DgSWF5hVMHn1uLWOzi5pV3z" } }\n',
  'planted/.env': 'GITHUB_TOKEN=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\nNPM_TOKEN=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\n',
  'planted/deploy.sh': 'export AWS_ACCESS_KEY_ID=AKIA3WZE54NDMT2AJKFM\nexport AWS_SECRET_ACCESS_KEY=STP86t0sYXDeilKpxcWAoAakBL6xleon9gh3QUFE\n',
};

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

/** Renames nested node_modules (so no tool skips them by name) and removes symlinks. */
function flatten(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) unlinkSync(path);
    else if (stat.isDirectory()) {
      const target = name === 'node_modules' ? join(dir, 'nm') : path;
      if (target !== path) renameSync(path, target);
      flatten(target);
    }
  }
}

export function buildCorpus(outDir, log) {
  const tree = join(outDir, 'tree');
  const done = join(outDir, '.corpus-done');
  if (existsSync(done)) return tree;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const install = join(outDir, 'install');
  mkdirSync(install);
  writeFileSync(join(install, 'package.json'), '{"name":"bench-corpus","private":true}');
  log(`installing ${PACKAGES.join(' ')} (npm, no scripts)…`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...PACKAGES], { cwd: install, stdio: 'inherit' });
  renameSync(join(install, 'node_modules'), tree);
  rmSync(install, { recursive: true, force: true });
  flatten(tree);
  for (const [path, content] of Object.entries(PLANTED)) {
    mkdirSync(join(tree, path, '..'), { recursive: true });
    writeFileSync(join(tree, path), content);
  }
  writeFileSync(done, new Date().toISOString());
  return tree;
}

/** A repository over a copy of the tree: one big import, then commits touching a few files each. */
export function buildHistory(outDir, tree, commits, log) {
  const repo = join(outDir, 'repo');
  const done = join(outDir, '.repo-done');
  if (existsSync(done)) return repo;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  log(`building a git repository with ${commits} commits…`);
  execSync(`cp -r "${tree}" "${repo}"`);
  const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'import');
  const files = execFileSync('git', ['ls-files', '*.js'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter(Boolean);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 1; i < commits; i++) {
    const touched = [0, 1, 2].map(() => files[Math.floor(random() * files.length)]);
    for (const f of touched) appendFileSync(join(repo, f), `\n// change ${i}\n`);
    if (i === Math.floor(commits / 2))
      appendFileSync(join(repo, 'planted/.env'), 'SLACK_WEBHOOK=https://hooks.slack.com/services/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\n');
    git('add', ...touched, 'planted/.env');
    git('commit', '-q', '-m', `change ${i}`);
  }
  writeFileSync(done, new Date().toISOString());
  return repo;
}
