import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const API_TITLE = 'Plex Playback Proxy';
/** The contract's own version (README: "Versioning"); independent of the package version. */
export const API_VERSION = '1.0.0';

/** The OpenAPI document, built from the app's controllers and DTOs, with keys sorted so diffs stay small. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(API_TITLE)
    .setVersion(API_VERSION)
    .setDescription(
      'A simple session API for thin clients (smart TVs, set-top boxes, small apps) playing from a Plex Media Server. ' +
        'Clients never speak Plex: they create a session, report state and position, and move through the queue.',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  return sortKeys(document) as OpenAPIObject;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
