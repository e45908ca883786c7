import { fork } from 'node:child_process';
import type { BodyRead } from './body-reader.js';
import { STREAM_READER_JS } from './paths.js';
import type { StreamReadTask, StreamReaderAnswer } from './stream-reader-protocol.js';

export interface StreamReaderChild {
  pid: number;
  /** Reads the whole body of `url` in the reader process; one read at a time. */
  read(task: StreamReadTask): Promise<BodyRead>;
  stop(): Promise<void>;
}

/** Forks the lean stream reader (bench/stream-reader.ts) with node's defaults (none of the benchmark's flags). */
export function startStreamReader(): StreamReaderChild {
  const child = fork(STREAM_READER_JS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    read: (task) =>
      new Promise<BodyRead>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the stream reader exited (${code}) during a read`));
        child.once('exit', onExit);
        child.once('message', (answer: StreamReaderAnswer) => {
          child.off('exit', onExit);
          if (answer.read) resolve(answer.read);
          else reject(new Error(answer.error));
        });
        child.send(task, (error) => {
          if (error) reject(error);
        });
      }),
    stop: async () => {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
