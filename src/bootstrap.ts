import 'reflect-metadata';
import { flushCompileCache } from 'node:module';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigurationError } from './modules/config/environment.js';
import { loadConfig } from './modules/config/load-config.js';
import { serveApiDocs } from './openapi/api-docs.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  serveApiDocs(app);
  await app.listen({ port: config.port, host: config.host });
  new Logger('Bootstrap').log(`Listening on ${await app.getUrl()}`);
  // Written now, not only at exit: a proxy that is killed keeps the cache for its next start.
  flushCompileCache();
}

void main();
