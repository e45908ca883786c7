import { fork } from 'node:child_process';
import type { BareServerReady, BareServerSetup } from './bare-server-protocol.js';
import { BARE_SERVER_JS } from './paths.js';
import { proxyStartCommand } from './start-command.js';

const READY_TIMEOUT_MS = 10_000;

export interface BareServerChild {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Forks the bare progress server (or another script speaking its protocol, e.g. the bare NestJS one) in a process of
 * its own, as the proxy has, with the node flags and environment `npm start` gives the proxy (so a gap between them is
 * the code's, not the runtime settings'), and waits until it listens.
 */
export async function startBareServer(setup: BareServerSetup, script = BARE_SERVER_JS): Promise<BareServerChild> {
  const { env, nodeFlags } = proxyStartCommand();
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: nodeFlags, env: { ...process.env, ...env } });
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
    pid: child.pid!,
    stop: async () => {
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
