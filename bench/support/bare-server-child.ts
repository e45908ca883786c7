import { fork } from 'node:child_process';
import type { BareServerReady, BareServerSetup } from './bare-server-protocol.js';
import { BARE_SERVER_JS } from './paths.js';

const READY_TIMEOUT_MS = 10_000;

export interface BareServerChild {
  url: string;
  stop(): Promise<void>;
}

/**
 * Forks the bare progress server (or another script speaking its protocol, e.g. the bare NestJS one) in a process of
 * its own, as the proxy has, and waits until it listens.
 */
export async function startBareServer(setup: BareServerSetup, script = BARE_SERVER_JS): Promise<BareServerChild> {
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<BareServerReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare server did not start')), READY_TIMEOUT_MS);
    child.once('message', (message: BareServerReady) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
    child.send(setup);
  });
  return {
    url: `http://127.0.0.1:${ready.port}`,
    stop: async () => {
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
