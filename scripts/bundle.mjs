// Bundles the CLI into bundle/ (committed): one file for the CLI, one for the scan worker, the
// compiled rules beside them. The pre-commit framework and the GitHub Action run it straight from a
// checkout with no install step, and the hook starts faster from one file than from many modules.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiJson } from '../packages/rules/scripts/ascii-json.mjs';
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
/**
 * Dependencies only some commands need (undici for --verify, ajv to validate a .hush.json) are carried
 * as source text and compiled when first required: V8 then only scans a string where it would parse
 * half a megabyte of functions on every start, which the pre-commit hook would pay for each commit.
 */
const LAZY = ['undici', 'ajv'];
const lazyDependencies = {
  name: 'lazy-dependencies',
  setup(plugin) {
    plugin.onResolve({ filter: new RegExp(`^(${LAZY.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'lazy', pluginData: args.resolveDir }));
    plugin.onLoad({ filter: /.*/, namespace: 'lazy' }, async ({ path, pluginData: resolveDir }) => {
      const { outputFiles } = await build({
        ...common,
        banner: undefined,
        format: 'cjs',
        stdin: { contents: `module.exports = require(${JSON.stringify(path)});`, resolveDir },
        write: false,
        outfile: `${path}.cjs`,
      });
      const source = `(function (module, exports, require) {${outputFiles[0].text}\n})`;
      return {
        loader: 'js',
        contents: [
          "const { runInThisContext } = require('node:vm');",
          `const load = runInThisContext(${JSON.stringify(source)}, { filename: 'hush-scan/bin/${path}.cjs' });`,
          'load(module, module.exports, require);',
        ].join('\n'),
      };
    });
  },
};
// The CLI as one function expression that bin/hush.mjs (scripts/bundle-entry.mjs) compiles with V8's
// code cache: CommonJS inside, so no ES module loader is involved, and `import.meta.url` handed in.
const { outputFiles } = await build({
  ...common,
  format: 'cjs',
  banner: undefined,
  define: { 'import.meta.url': '__hushModuleUrl' },
  entryPoints: ['packages/cli/dist/main.js'],
  outfile: join(bin, 'cli.js'),
  write: false,
  plugins: [lazyDependencies],
});
writeFileSync(join(bin, 'cli.js'), `(function (exports, require, module, __filename, __dirname, __hushModuleUrl) {${outputFiles[0].text}\n})`);
copyFileSync(join(root, 'scripts/bundle-entry.mjs'), join(bin, 'hush.mjs'));
await build({ ...common, entryPoints: ['packages/scanner/dist/run/worker.js'], outfile: join(bin, 'worker.js') });
chmodSync(join(bin, 'hush.mjs'), 0o755);
// The rules' examples are test data that look exactly like secrets: the shipped copy leaves them out,
// so scanning a project that has hush installed does not report hush's own rule file.
const rules = JSON.parse(readFileSync(join(root, 'packages/rules/dist/builtin.json'), 'utf8'));
rules.rules = rules.rules.map(({ counterExamples: _c, ...rule }) => ({ ...rule, examples: [] }));
// Both files are read as one-byte (latin1) text at start-up: they must be ASCII (non-ASCII as \u escapes).
writeFileSync(join(bin, 'builtin.json'), asciiJson(rules));
if (/[\u0080-\uffff]/.test(readFileSync(join(bin, 'cli.js'), 'utf8')))
  throw new Error('bundle/bin/cli.js is not ASCII: escape the non-ASCII characters in the sources');
// bundle/ is also the published npm package `hush-scan` (the name `hush` is taken): everything it
// needs is in these files, so it installs with no dependencies, build step or install script.
const manifest = {
  name: 'hush-scan',
  version,
  description: 'Finds hard-coded secrets (Entra ID client secrets first) in files, staged changes and git history, with rotation guidance for each.',
  keywords: ['secrets', 'secret-scanning', 'pre-commit', 'git', 'sarif', 'entra-id', 'azure', 'credentials'],
  license: 'MIT',
  type: 'module',
  bin: { hush: 'bin/hush.mjs' },
  files: ['bin/', 'README.md', 'LICENSE'],
  engines: { node: '>=20.19' },
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
