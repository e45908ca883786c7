import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, DECORATORS } from '@nestjs/swagger';
import { ApiErrorResponses } from './api-error-responses.decorator.js';

/** Security scheme names in the OpenAPI document (SDKs show them to their users). */
export const CLIENT_KEY = 'clientKey';
export const ADMIN_KEY = 'adminKey';

/** A client call: needs the client key, and may be refused as unauthenticated or rate limited. */
export const ApiClientKey = (): MethodDecorator & ClassDecorator => applyDecorators(ApiBearerAuth(CLIENT_KEY), ApiErrorResponses(401, 429));

/** An admin call (profiles, keys): needs the admin key. */
export const ApiAdminKey = (): MethodDecorator & ClassDecorator => applyDecorators(ApiBearerAuth(ADMIN_KEY), ApiErrorResponses(401, 429));

/** A call open to anyone: the document says so with an empty `security` list. */
export const ApiNoAuth = (): MethodDecorator & ClassDecorator => SetMetadata(DECORATORS.API_SECURITY, []);
