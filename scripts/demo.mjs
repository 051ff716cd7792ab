// The quick start's main job: scan the sample app in test-fixtures/ and show what hush reports.
// Exit 1 (findings) is the expected outcome here, so only exit 2 (an error) fails the demo.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, ['packages/cli/bin/hush.js', 'scan', 'test-fixtures/sample-app'], { cwd: root, stdio: 'inherit' });
process.exit(result.status === 1 || result.status === 0 ? 0 : 1);
