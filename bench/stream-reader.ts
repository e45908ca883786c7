// The reader of the streams stage's whole reads, in a process of its own that loads nothing but node:http: a reader
// in the benchmark's own process (autocannon, the emulator, undici loaded) read a large body about half as fast,
// since its heap made V8 answer the socket buffers' external memory with full collections; straight from the
// emulator it then measured the reader, not the server. Forked by the benchmark; reads one body per message.
import { readBody } from './support/body-reader.js';
import type { StreamReadTask, StreamReaderAnswer } from './support/stream-reader-protocol.js';

process.on('message', (task: StreamReadTask) => {
  readBody(task.url, { headers: task.headers, timeoutMs: task.timeoutMs }).then(
    (read) => process.send!({ read } satisfies StreamReaderAnswer),
    (error: unknown) => process.send!({ error: error instanceof Error ? error.message : String(error) } satisfies StreamReaderAnswer),
  );
});
process.once('disconnect', () => process.exit(0));
