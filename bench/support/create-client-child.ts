import { fork } from 'node:child_process';
import type { CreateClientTask, CreateClientTimings } from './create-client-protocol.js';
import { CREATE_CLIENT_JS } from './paths.js';

/** Runs the create-session client in a process of its own and returns its timings. */
export function runCreateClient(task: CreateClientTask, timeoutMs: number): Promise<CreateClientTimings> {
  const child = fork(CREATE_CLIENT_JS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the create-session client did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (timings: CreateClientTimings) => {
      clearTimeout(timer);
      resolve(timings);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the create-session client exited (${code}) without timings`));
    });
    child.send(task);
  });
}
