// The README's test command must pass on a fresh clone: tests read nothing outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test-support/helpers.js';

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testSources(path);
    return /\.(ts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

describe('tests need only the repository', () => {
  it('no test or helper refers to a path above the repository root', () => {
    const packages = readdirSync(join(repoRoot, 'packages')).map((name) => join(repoRoot, 'packages', name, 'test'));
    const files = [...packages, join(repoRoot, 'bench')].flatMap((dir) => {
      try {
        return testSources(dir);
      } catch {
        return [];
      }
    });
    expect(files.length).toBeGreaterThan(5);
    const outside = files.filter((file) => /\.\.\/shared\/|\/work\/shared/.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(outside.map((file) => relative(repoRoot, file))).toEqual([]);
  });

  it('keeps the SARIF 2.1.0 schema the SARIF tests validate against in test-fixtures', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'test-fixtures/schemas/sarif-2.1.0.json'), 'utf8'));
    expect(schema.$schema).toMatch(/2020-12/);
    expect(JSON.stringify(schema)).toContain('"version"');
  });
});
