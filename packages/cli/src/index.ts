/** @hush/cli as a library: run the CLI in-process (used by tests and wrappers). */
export { main } from './main.js';
export type { Io } from './io.js';
