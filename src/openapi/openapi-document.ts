import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ADMIN_KEY, CLIENT_KEY } from '../common/api-security.decorators.js';

export const API_TITLE = 'Plex Playback Proxy';
/** The contract's own version (README: "Versioning"); independent of the package version. */
export const API_VERSION = '1.2.0';

const DESCRIPTION = [
  'A simple session API for thin clients (smart TVs, set-top boxes, small apps) playing from a Plex Media Server.',
  'Clients never speak Plex: they create a session, report state and position, and move through the queue.',
  '',
  '**Report progress** (`POST /api/v1/sessions/{id}/progress`) on every change of state or position, and at least',
  'every 60 seconds while a session is open: the proxy keeps Plex informed every 10 seconds on its own, from the last',
  'report. A session that stays silent for much longer than that may be ended (`endedReason: client-lost`).',
  '',
  'Every error answers with the same body (`ApiErrorDto`); 429 and 503 carry a `Retry-After` header.',
].join('\n');

/** The OpenAPI document, built from the app's controllers and DTOs, with keys sorted so diffs stay small. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(API_TITLE)
    .setVersion(API_VERSION)
    .setDescription(DESCRIPTION)
    .addServer('/', 'The proxy serving this document')
    .addTag('sessions', 'Playback sessions: create one, report what the player does, move through and change its queue.')
    .addTag('progress', 'Where the caller is in an item, saved across sessions and devices.')
    .addTag('me', 'The calling profile, its server and its devices.')
    .addTag('events', 'Live events over server-sent events: what changed, without polling.')
    .addTag('pairing', 'Pairing a TV with a short code (RFC 8628 device authorization): no API key typed with a remote.')
    .addTag('admin', 'Profiles, their API keys and the Plex servers of a household (admin token).')
    .addTag('health', 'Whether the proxy, its database and its Plex server are up.')
    .addSecurity(CLIENT_KEY, {
      type: 'http',
      scheme: 'bearer',
      description: "A profile's API key, issued by the admin API (`POST /api/v1/admin/profiles`).",
    })
    .addSecurity(ADMIN_KEY, { type: 'http', scheme: 'bearer', description: 'The admin key (`ADMIN_TOKEN`), for the admin API.' })
    .build();
  // package.json's license: proprietary, so a name and no URL (DocumentBuilder.setLicense always sets one).
  config.info.license = { name: 'UNLICENSED' };
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
