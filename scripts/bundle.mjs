// Bundles the CLI into bundle/ (committed): one file for the CLI, one for the scan worker, the
// compiled rules beside them. The pre-commit framework and the GitHub Action run it straight from a
// checkout with no install step, and the hook starts faster from one file than from many modules.
import { createHash } from 'node:crypto';
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
// The CLI as one function expression that bin/hush.cjs (scripts/bundle-entry.cjs) compiles with V8's
// code cache: CommonJS inside, so no ES module loader is involved, and `import.meta.url` handed in.
const { outputFiles } = await build({
  ...common,
  format: 'cjs',
  banner: undefined,
  define: { 'import.meta.url': '__hushModuleUrl', __HUSH_WORKER_FILE__: '"./worker.cjs"', __HUSH_BLOB_READER_FILE__: '"./blob-reader.cjs"' },
  entryPoints: ['packages/cli/dist/main.js'],
  outfile: join(bin, 'cli.js'),
  write: false,
  plugins: [lazyDependencies],
});
writeFileSync(join(bin, 'cli.js'), `(function (exports, require, module, __filename, __dirname, __hushModuleUrl) {${outputFiles[0].text}\n})`);
// The loader names cli.js's content in its cache key: it gets the hash from here rather than hashing a megabyte each start.
const cliHash = createHash('sha256')
  .update(readFileSync(join(bin, 'cli.js')))
  .digest('hex');
const entry = readFileSync(join(root, 'scripts/bundle-entry.cjs'), 'utf8');
if (!entry.includes("'__HUSH_CLI_SHA256__'")) throw new Error('scripts/bundle-entry.cjs lost its CLI_SHA256 placeholder');
writeFileSync(join(bin, 'hush.cjs'), entry.replace("'__HUSH_CLI_SHA256__'", `'${cliHash}'`));
// The entry's former name: hooks installed by earlier versions and scripts of users run this path.
writeFileSync(
  join(bin, 'hush.mjs'),
  [
    '#!/usr/bin/env node',
    "// hush's former entry point, kept for hooks and scripts that name it: the entry is hush.cjs.",
    "import { createRequire } from 'node:module';",
    "createRequire(import.meta.url)('./hush.cjs');",
    '',
  ].join('\n'),
);
// The scan worker, CommonJS like the CLI (see WORKER_FILE in packages/scanner/src/run/pool.ts).
await build({
  ...common,
  format: 'cjs',
  banner: { js: "const __hushModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__hushModuleUrl' },
  entryPoints: ['packages/scanner/dist/run/worker.js'],
  outfile: join(bin, 'worker.cjs'),
});
// The audit's blob reader (packages/scanner/src/sources/blob-reader.ts), CommonJS too.
await build({
  ...common,
  format: 'cjs',
  banner: undefined,
  entryPoints: ['packages/scanner/dist/sources/blob-reader-worker.js'],
  outfile: join(bin, 'blob-reader.cjs'),
});
for (const name of ['hush.cjs', 'hush.mjs']) chmodSync(join(bin, name), 0o755);
// The rules' examples are test data that look exactly like secrets: the shipped copy leaves them out,
// so scanning a project that has hush installed does not report hush's own rule file.
const rules = JSON.parse(readFileSync(join(root, 'packages/rules/dist/builtin.json'), 'utf8'));
rules.rules = rules.rules.map(({ counterExamples: _c, ...rule }) => ({ ...rule, examples: [] }));
// These files are read as one-byte (latin1) text at start-up: they must be ASCII (non-ASCII as \u escapes).
writeFileSync(join(bin, 'builtin.json'), asciiJson(rules));
copyFileSync(join(root, 'packages/rules/dist/playbooks.json'), join(bin, 'playbooks.json'));
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
  bin: { hush: 'bin/hush.cjs' },
  files: ['bin/', 'README.md', 'LICENSE'],
  engines: { node: '>=20.19' },
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
