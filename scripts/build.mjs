// Builds every package (TypeScript project references) and compiles the rule data.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
try {
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/cli/tsconfig.json']);
  run(process.execPath, ['packages/rules/scripts/compile.mjs']);
  run(process.execPath, ['scripts/bundle.mjs']);
} catch {
  process.exit(1);
}
