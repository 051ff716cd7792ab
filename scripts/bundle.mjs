// Bundles the CLI into bundle/ (committed): one file for the CLI, one for the scan worker, the
// compiled rules beside them. The pre-commit framework and the GitHub Action run it straight from a
// checkout with no install step, and the hook starts faster from one file than from many modules.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bundle');
const bin = join(out, 'bin');
mkdirSync(bin, { recursive: true });
const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // CommonJS dependencies (ajv) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __hushRequire } from 'node:module'; const require = __hushRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: ['packages/cli/bin/hush.js'], outfile: join(bin, 'hush.mjs') });
await build({ ...common, entryPoints: ['packages/scanner/dist/worker.js'], outfile: join(bin, 'worker.js') });
chmodSync(join(bin, 'hush.mjs'), 0o755);
copyFileSync(join(root, 'packages/rules/dist/builtin.json'), join(bin, 'builtin.json'));
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name: 'hush-bundle', private: true, type: 'module', version }, null, 2)}\n`);
