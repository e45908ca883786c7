import { ForbiddenException, type CanActivate, type PipeTransform, type Type } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants.js';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LeanRoute } from '../../common/lean-routes.js';
import type { AuthenticatedRequest } from '../auth/caller.js';
import { RateLimitGuard } from '../auth/rate-limit.guard.js';
import { ReportProgressDto } from './dto/report-progress.dto.js';
import { sessionJson } from './session-json.js';
import { SessionsController } from './sessions.controller.js';

const BODY = { type: 'body', metatype: ReportProgressDto, data: undefined } as const;
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `POST /api/v1/sessions/:id/progress`, the call every player makes on every change and at least once a minute,
 * served without Nest's per-request pipeline (execution context, guard and pipe consumers, parameter factories,
 * response controller): that pipeline was a quarter of the call's CPU (147–149 → 114–115 µs a call in alternating
 * benchmark stages). The steps are Nest's, in Nest's order, with the app's own parts: the global rate-limit guard,
 * then the controller's guards, the global validation pipe on the body (the pipe passes the `id` string and the
 * caller's custom decorator through unchanged, so they need none), the controller's method, answered 200 (the JSON
 * written by sessionJson, which serialises a queue once). The route keeps its declaration on SessionsController for
 * routing and the OpenAPI document.
 *
 * `validation`: the app's global pipe. Throws at start-up if the route gains an enhancer this handler would skip.
 */
export function progressReportRoute(app: NestFastifyApplication, validation: PipeTransform): LeanRoute {
  // The method itself, as Nest's ExecutionContext.getHandler() gives it to guards (read for metadata, not called).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const handlerRef = SessionsController.prototype.reportProgress;
  assertOnlyGuards(SessionsController, handlerRef);
  const controller = app.get(SessionsController);
  const guards: CanActivate[] = [app.get(RateLimitGuard), ...routeGuards(app, SessionsController, handlerRef)];

  return {
    method: 'POST',
    url: '/api/v1/sessions/:id/progress',
    async handler(request: FastifyRequest, reply: FastifyReply) {
      const { id } = request.params as { id: string };
      // As Nest's Fastify adapter: an empty path parameter matches no route.
      if (id === '') return reply.callNotFound();
      const context = new ExecutionContextHost([request, reply], SessionsController, handlerRef);
      for (const guard of guards) {
        if (!(await guard.canActivate(context))) throw new ForbiddenException('Forbidden resource');
      }
      const body = (await validation.transform(request.body, BODY)) as ReportProgressDto;
      const session = await controller.reportProgress((request as AuthenticatedRequest).caller!, id, body);
      // A reply with its own serializer gets no content type from Fastify.
      return reply.code(200).type(JSON_TYPE).serializer(sessionJson).send(session);
    },
  };
}

type Handler = (...args: never[]) => unknown;

/** The controller's and the method's `@UseGuards`, as instances (a class is resolved as Nest resolves it). */
function routeGuards(app: NestFastifyApplication, controller: Type, handler: Handler): CanActivate[] {
  const declared = [...readMetadata(GUARDS_METADATA, controller), ...readMetadata(GUARDS_METADATA, handler)];
  return declared.map((guard) => (typeof guard === 'function' ? app.get(guard as Type<CanActivate>) : (guard as CanActivate)));
}

function assertOnlyGuards(controller: Type, handler: Handler): void {
  for (const key of [INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA]) {
    if (readMetadata(key, controller).length > 0 || readMetadata(key, handler).length > 0) {
      throw new Error(`${controller.name}.${handler.name} has ${key} metadata, which its lean route does not run`);
    }
  }
}

function readMetadata(key: string, target: object): unknown[] {
  return (Reflect.getMetadata(key, target) as unknown[] | undefined) ?? [];
}
