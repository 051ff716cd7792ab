// Builds every package (TypeScript project references) and compiles the rule data.
// The keyword prefilter's WebAssembly is compiled first: tsc includes it as a generated module.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
try {
  run(process.execPath, ['scripts/build-wasm.mjs']);
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/cli/tsconfig.json']);
  run(process.execPath, ['packages/rules/scripts/compile.mjs']);
  run(process.execPath, ['scripts/bundle.mjs']);
} catch {
  process.exit(1);
}
