import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The benchmarks run from `dist/bench/...`; the repository root is found from there. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BARE_SERVER_JS = join(REPO_ROOT, 'dist/bench/bare-progress-server.js');
export const BARE_NEST_SERVER_JS = join(REPO_ROOT, 'dist/bench/bare-nest-progress-server.js');
export const BARE_FASTIFY_SERVER_JS = join(REPO_ROOT, 'dist/bench/bare-fastify-progress-server.js');
export const CREATE_CLIENT_JS = join(REPO_ROOT, 'dist/bench/create-session-client.js');
export const BROWSE_CLIENT_JS = join(REPO_ROOT, 'dist/bench/browse-client.js');
export const STREAM_READER_JS = join(REPO_ROOT, 'dist/bench/stream-reader.js');
export const EXIT_ON_SIGNAL_JS = join(REPO_ROOT, 'dist/bench/support/exit-on-signal.js');
export const SCHEDULER_BENCH_JS = join(REPO_ROOT, 'dist/bench/scheduler.js');
export const RESULTS_DIR = join(REPO_ROOT, 'bench/results');
