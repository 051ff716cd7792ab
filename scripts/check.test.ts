// The static checks are wired: the test command runs every `check:*` script before the tests, and
// each check, with this repository's own configuration, fails on a deliberate violation in a temp
// project (and passes on the same project without it, so a failure means the violation was seen).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTestTemp, repoRoot } from '../test-support/helpers.js';

const temp = perTestTemp();
const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** A temp project that uses this repository's config files and installed tools. */
function project(files: Record<string, string>, configs: string[]): string {
  const dir = temp.dir('hush-check-');
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  for (const config of configs) copyFileSync(join(repoRoot, config), join(dir, config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Runs one `check:*` script of package.json as the check script does, in `dir`. */
function runCheck(name: string, dir: string) {
  const env = { ...process.env, PATH: `${join(dir, 'node_modules/.bin')}:${process.env.PATH}` };
  const run = spawnSync(scripts[`check:${name}`], { cwd: dir, env, shell: true, encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

const TSCONFIG = JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] });
const TS_CONFIGS = ['eslint.config.js', 'tsconfig.base.json', 'tsconfig.test.json'];
/** tsconfig.test.json needs a test file to type-check. */
const A_TEST = { 'packages/demo/test/demo.test.ts': 'export const checked = true;\n' };

describe('static checks', () => {
  it('run in the test command before the tests, every check:* script included', () => {
    expect(scripts.test).toMatch(/node scripts\/build\.mjs && node scripts\/check\.mjs && vitest run$/);
    expect(Object.keys(scripts).filter((s) => s.startsWith('check:'))).toEqual([
      'check:typecheck',
      'check:lint',
      'check:format',
      'check:knip',
      'check:cycles',
      'check:layers',
    ]);
  });

  it('lint: a floating promise (a type-aware rule) fails', () => {
    const good = 'export async function later(): Promise<number> {\n  return Promise.resolve(1);\n}\n';
    const bad = `${good}later();\n`;
    const ok = runCheck('lint', project({ ...A_TEST, 'packages/demo/tsconfig.json': TSCONFIG, 'packages/demo/src/index.ts': good }, TS_CONFIGS));
    expect(ok.code, ok.output).toBe(0);
    const failed = runCheck('lint', project({ ...A_TEST, 'packages/demo/tsconfig.json': TSCONFIG, 'packages/demo/src/index.ts': bad }, TS_CONFIGS));
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('@typescript-eslint/no-floating-promises');
  });

  it('typecheck: a type error in a test file fails', () => {
    const file = 'packages/demo/test/demo.test.ts';
    expect(runCheck('typecheck', project({ [file]: 'export const n: number = 1;\n' }, TS_CONFIGS)).code).toBe(0);
    const failed = runCheck('typecheck', project({ [file]: "export const n: number = 'one';\n" }, TS_CONFIGS));
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('TS2322');
  });

  it('format: a file Prettier would change fails', () => {
    const configs = ['.prettierrc.json', '.prettierignore'];
    expect(runCheck('format', project({ 'src/a.ts': "export const a = { b: 'c' };\n" }, configs)).code).toBe(0);
    const failed = runCheck('format', project({ 'src/a.ts': 'export const a = {b:"c"}\n' }, configs));
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('src/a.ts');
  });

  it('knip: an export nothing imports fails', () => {
    const files = (extra: string) => ({
      'package.json': JSON.stringify({ name: 'demo', private: true, type: 'module', exports: './src/index.ts' }),
      'src/index.ts': "import { used } from './helper.js';\nexport const value = used;\n",
      'src/helper.ts': `export const used = 1;\n${extra}`,
    });
    const ok = runCheck('knip', project(files(''), []));
    expect(ok.code, ok.output).toBe(0);
    const failed = runCheck('knip', project(files('export const unused = 2;\n'), []));
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('unused');
  });

  it('cycles: two modules that import each other fail, a type-only import included', () => {
    const files = (back: string) => ({
      'packages/demo/src/a.ts': "import { b } from './b.js';\nexport interface A { n: number }\nexport const a = b + 1;\n",
      'packages/demo/src/b.ts': `${back}export const b = 1;\n`,
    });
    expect(runCheck('cycles', project(files(''), ['tsconfig.base.json'])).code).toBe(0);
    const failed = runCheck('cycles', project(files("import type { A } from './a.js';\nexport type B = A;\n"), ['tsconfig.base.json']));
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/a\.ts -> .*b\.ts|b\.ts -> .*a\.ts/);
  });

  it('layers: a lower package or scanner stage importing a higher one fails, a type-only import included', () => {
    const script = { 'scripts/check-layers.mjs': readFileSync(join(repoRoot, 'scripts/check-layers.mjs'), 'utf8') };
    const files = (rules: string, detect: string) => ({
      ...script,
      'packages/rules/src/index.ts': `${rules}export const rules = 1;\n`,
      'packages/scanner/src/report/json.ts': "import { detect } from '../detect/engine.js';\nexport const json = detect;\n",
      'packages/scanner/src/detect/engine.ts': `${detect}export const detect = 1;\n`,
      'packages/cli/src/main.ts': "import { rules } from '@hush/rules';\nexport const main = rules;\n",
    });
    const ok = runCheck('layers', project(files('', ''), []));
    expect(ok.code, ok.output).toBe(0);
    const upward = runCheck('layers', project(files("import { main } from '@hush/cli';\n", "import type { json } from '../report/json.js';\n"), []));
    expect(upward.code).not.toBe(0);
    expect(upward.output).toContain("packages/rules/src/index.ts:1: package rules imports the higher package cli ('@hush/cli')");
    expect(upward.output).toContain("packages/scanner/src/detect/engine.ts:1: scanner stage detect imports the higher stage report ('../report/json.js')");
  });
});
