// The hook path loads no schema validator (ajv) unless a `.hush.json` must be validated. Measured
// on the shipped bundle with V8's own coverage: ajv's module body is one function in the bundle, and
// the coverage count of the innermost range around a string from that body says whether it ran.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, write } from '../../../test-support/git.js';
import { repoRoot } from '../../../test-support/helpers.js';
import { env, hookRepos } from './hook-helpers.js';

const { repo, temp } = hookRepos();
const bundle = join(repoRoot, 'bundle/bin/hush.cjs');
/** The CLI's code, which bin/hush.cjs compiles (with V8's code cache) and runs. */
const cli = join(repoRoot, 'bundle/bin/cli.js');
/** A property name of ajv's removed-options table, written at the top level of ajv's core module. */
const AJV_MARKER = 'errorDataPath:';

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}

/** Runs `hush hook run` from the bundle and returns how often the code around `offset` ran. */
function countAt(dir: string, offset: number): number {
  const coverage = temp.dir('hush-coverage-');
  const run = spawnSync(process.execPath, [bundle, 'hook', 'run'], { cwd: dir, env: { ...env, NODE_V8_COVERAGE: coverage }, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const ranges: Range[] = [];
  for (const file of readdirSync(coverage)) {
    const { result } = JSON.parse(readFileSync(join(coverage, file), 'utf8')) as { result: Array<{ url: string; functions: Array<{ ranges: Range[] }> }> };
    for (const script of result) if (script.url.endsWith('/bundle/bin/cli.js')) for (const fn of script.functions) ranges.push(...fn.ranges);
  }
  const around = ranges
    .filter((r) => r.startOffset <= offset && offset < r.endOffset)
    .sort((a, b) => a.endOffset - a.startOffset - (b.endOffset - b.startOffset));
  expect(around.length).toBeGreaterThan(0);
  return around[0].count;
}

describe('hook start-up', () => {
  it('does not run ajv without a .hush.json, and does with one', () => {
    const source = readFileSync(cli, 'utf8');
    const offset = source.indexOf(AJV_MARKER);
    // The marker is ajv's and appears once: if ajv changes, this test says so instead of passing.
    expect(offset).toBeGreaterThan(0);
    expect(source.indexOf(AJV_MARKER, offset + 1)).toBe(-1);
    const dir = repo();
    write(dir, 'notes.txt', 'nothing secret\n');
    git(dir, 'add', 'notes.txt');
    expect(countAt(dir, offset)).toBe(0);
    // The same measurement sees ajv run once a config has to be validated.
    write(dir, '.hush.json', '{ "disable": [] }\n');
    expect(countAt(dir, offset)).toBeGreaterThan(0);
  });
});
