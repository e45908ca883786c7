import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { invalidField } from '../../common/validation.js';
import type { AuthenticatedRequest, Caller } from './caller.js';

/** The authenticated caller (set by the auth guard). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('CurrentCaller used on a route without the auth guard');
  return caller;
});

export const DEVICE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The `X-Device-Id` header: required, 1 to 128 letters, digits or `._:-`. */
export const DeviceId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<AuthenticatedRequest>().headers['x-device-id'];
  if (typeof value !== 'string' || !DEVICE_ID.test(value)) {
    const message = value === undefined ? 'X-Device-Id header is required' : 'X-Device-Id must be 1 to 128 letters, digits or ._:-';
    throw invalidField('X-Device-Id', message);
  }
  return value;
});
