// Layering check: imports point down only. Between packages: rules <- scanner <- hook <- cli. Inside
// the scanner, each stage folder names the stages above it that it must not import (they build on
// it). Reads every import of packages/*/src (static, dynamic, type-only, re-export); prints one line
// per violation and exits 1 if any. Usage: node scripts/check-layers.mjs (from the repository root).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const PACKAGES = ['rules', 'scanner', 'hook', 'cli'];
/** The scanner's top: the scan commands (tree, staged, push, history), org runs and the public index. */
const PIPELINE = ['scan', 'audit', 'org', 'index.ts'];
/** Scanner stage → what it must not import. Lower stages know nothing of policy, reports or runs. */
const FORBIDDEN = {
  detect: ['config', 'sources', 'verify', 'run', 'report', 'policy', ...PIPELINE],
  verify: ['config', 'sources', 'run', 'report', 'policy', ...PIPELINE],
  sources: ['config', 'verify', 'report', 'policy', ...PIPELINE],
  config: ['run', 'report', 'policy', ...PIPELINE],
  run: ['verify', 'report', 'policy', ...PIPELINE],
  report: ['run', 'policy', ...PIPELINE],
  policy: [...PIPELINE],
  scan: ['audit', 'org', 'index.ts'],
  audit: ['org', 'index.ts'],
  org: ['index.ts'],
};

const root = process.cwd();
const files = (dir) =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((name) =>
        statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : /\.[cm]?tsx?$/.test(name) ? [join(dir, name)] : [],
      )
    : [];
const IMPORT = /(?:^|[^\w.])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The package and, inside the scanner, the stage (first folder under src, or the root module's name) of a path. */
function place(path) {
  const [top, pkg, src, first, second] = relative(root, path).split(sep);
  if (top !== 'packages' || src !== 'src') return { pkg };
  return { pkg, stage: second === undefined ? first.replace(/\.js$/, '.ts') : first };
}

const violations = [];
for (const pkg of PACKAGES) {
  for (const file of files(join(root, 'packages', pkg, 'src'))) {
    const from = place(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      const line = text.slice(0, match.index + match[0].indexOf(spec)).split('\n').length;
      const here = `${relative(root, file)}:${line}`;
      const named = /^@hush\/([\w-]+)/.exec(spec);
      const to = named ? { pkg: named[1] } : spec.startsWith('.') ? place(resolve(dirname(file), spec)) : undefined;
      if (!to || !PACKAGES.includes(to.pkg)) continue;
      if (PACKAGES.indexOf(to.pkg) > PACKAGES.indexOf(pkg)) violations.push(`${here}: package ${pkg} imports the higher package ${to.pkg} ('${spec}')`);
      else if (to.pkg === pkg && pkg === 'scanner' && from.stage !== to.stage) {
        const target = to.stage.replace(/^(scan|audit)[-\w]*\.ts$/, '$1');
        if ((FORBIDDEN[from.stage] ?? []).includes(target))
          violations.push(`${here}: scanner stage ${from.stage} imports the higher stage ${to.stage} ('${spec}')`);
      }
    }
  }
}
for (const violation of violations) console.error(violation);
if (violations.length) {
  console.error(`layering: ${violations.length} import(s) point up (rules <- scanner <- hook <- cli; scanner stages in scripts/check-layers.mjs)`);
  process.exit(1);
}
