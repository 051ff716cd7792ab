import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Inlined below; its published source maps name sources it does not ship (a warning per file).
      name: 'workflow-parser-without-source-maps',
      load: (id) =>
        /[\\/]@actions[\\/]workflow-parser[\\/].*\.js$/.test(id) ? readFileSync(id, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '') : undefined,
    },
  ],
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Tests spawn real git, real workers and the built CLI: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each run's temporary files in a directory of its own, which must be empty at the end.
    globalSetup: ['scripts/test-tmpdir.ts'],
    // The worker's event loop turns between tests, so its replies to the runner never time out.
    setupFiles: ['scripts/test-event-loop.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // GitHub's workflow parser imports its schema as JSON without an import attribute: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
