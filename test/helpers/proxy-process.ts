import { spawn, type ChildProcess } from 'node:child_process';
import { MAIN_JS, REPO_ROOT } from './paths.js';

export interface ProxyProcess {
  /** e.g. `http://127.0.0.1:43210` */
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Parsed JSON log lines so far. */
  logLines(): Record<string, unknown>[];
  /** Sends a signal and waits for the exit. NestJS re-raises SIGTERM after a clean shutdown, so that ends with `signal: 'SIGTERM'`. */
  stop(signal?: NodeJS.Signals): Promise<ProcessExit>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();

/** Kills every proxy a test file started and did not stop (call it from `after`). */
export async function stopAllProxies(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

const STARTUP_TIMEOUT_MS = 20_000;

/**
 * Starts the real proxy (`node dist/src/main.js`, as `npm start` does) as a child process on a free port with the given
 * environment, and resolves once it logs the address it listens on.
 */
export async function startProxy(env: Record<string, string>): Promise<ProxyProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN_JS], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', PLEX_EMULATOR_PORT: '0', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );

  const url = await waitForListening(child, () => output, exited);
  return {
    url,
    output: () => output,
    logLines: () => parseLogLines(output),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the proxy until it exits by itself (for configuration errors); returns its exit code and output. */
export async function runProxyToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', PLEX_EMULATOR_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), STARTUP_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}

async function waitForListening(child: ChildProcess, output: () => string, exited: Promise<ProcessExit>): Promise<string> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exitCode: ProcessExit | undefined;
  void exited.then((exit) => (exitCode = exit));
  while (Date.now() < deadline) {
    const line = parseLogLines(output()).find((l) => typeof l.msg === 'string' && l.msg.startsWith('Listening on '));
    if (line) return (line.msg as string).slice('Listening on '.length).replace('[::1]', '127.0.0.1');
    if (exitCode !== undefined) throw new Error(`proxy exited (${JSON.stringify(exitCode)}) before listening:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`proxy did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

function parseLogLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
