import { stringify } from 'yaml';
import { createApp } from '../app.factory.js';
import { AppConfig } from '../modules/config/app-config.js';
import { validateEnvironment } from '../modules/config/environment.js';
import { buildOpenApiDocument } from './openapi-document.js';

/**
 * Boots the app without listening (in-memory database, built-in emulator on a free port) and renders
 * its OpenAPI document as YAML. The document depends only on code, never on the environment.
 */
export async function renderOpenApiYaml(): Promise<string> {
  const config = new AppConfig(
    validateEnvironment({
      DATABASE_URL: 'file::memory:',
      PLEX_EMULATOR_PORT: '0',
      LOG_LEVEL: 'silent',
      // Fixed values so rendering writes no key or token file; the document does not depend on them.
      SECRET_KEY: '0'.repeat(64),
      ADMIN_TOKEN: 'openapi-rendering-only-token',
    }),
  );
  const app = await createApp(config);
  try {
    return stringify(buildOpenApiDocument(app), { lineWidth: 0 });
  } finally {
    await app.close();
  }
}
