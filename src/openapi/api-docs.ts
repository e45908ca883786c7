import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { API_TITLE, buildOpenApiDocument } from './openapi-document.js';

export const DOCS_PATH = 'docs';

/**
 * Interactive docs at `/docs` (Swagger UI), with the same document as `openapi.yaml` at `/docs/openapi.json` and
 * `.yaml`. The document is built on the first request for it, not while the proxy starts.
 */
export function serveApiDocs(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml`,
    customSiteTitle: `${API_TITLE} API`,
  });
}
