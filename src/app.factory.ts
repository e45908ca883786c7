import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { Clock } from './common/clock.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { API_HELMET_OPTIONS, securityHeaders, sendSecurityHeaders } from './common/security-headers.js';
import { STRICT_SCHEMA_VALIDATION, schemaValidationError } from './common/schema-validation.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './modules/config/app-config.js';
import { logRequests, requestId } from './modules/logging/request-logging.js';
import { PlexErrorFilter } from './modules/plex/plex-error.filter.js';
import { absoluteImageUrls } from './modules/images/absolute-image-urls.js';
import { absoluteStreamUrls } from './modules/streams/absolute-stream-urls.js';

export const BODY_LIMIT_BYTES = 64 * 1024;
/** Path parameters up to this length: a stream URL's token (signed claims) is one, longer than Fastify's 100. */
const MAX_PARAM_LENGTH = 4096;

/** Swagger UI at /docs runs an inline bootstrap and inline styles; everything else is same-origin. */
const DOCS_FRIENDLY_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-inline'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
};

/** Builds the application with everything main.ts and the OpenAPI generator share; does not listen. */
export async function createApp(config: AppConfig, clock?: Clock): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, clock),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
      genReqId: requestId,
      ajv: STRICT_SCHEMA_VALIDATION,
      schemaErrorFormatter: schemaValidationError,
    }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, PinoLogger.root);
  sendSecurityHeaders(fastify, {
    api: await securityHeaders(API_HELMET_OPTIONS),
    pages: await securityHeaders({ contentSecurityPolicy: { directives: DOCS_FRIENDLY_CSP } }),
  });
  absoluteStreamUrls(fastify, config.streams.publicUrl);
  absoluteImageUrls(fastify, config.streams.publicUrl);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });
  acceptEmptyJsonBodies(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(), new PlexErrorFilter());
  app.enableShutdownHooks();
  return app;
}

/**
 * Body-less calls (next, previous, shuffle…) sent with `Content-Type: application/json`, as generated SDKs do,
 * are read as having no body instead of being refused; everything else goes through Fastify's safe parser.
 */
function acceptEmptyJsonBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') return done(null, undefined);
    void parseJson(request, text, done);
  });
}
