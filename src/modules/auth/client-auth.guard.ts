import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiKeysService } from '../households/api-keys.service.js';
import { DevicesService } from '../households/devices.service.js';
import type { AuthenticatedRequest } from './caller.js';
import { DEVICE_ID } from './request-context.decorators.js';
import { requestKeyOwner } from './request-key-owner.js';

/** `Authorization: Bearer <apiKey>` → the key's profile; `X-Device-*` headers → a device record of that profile. */
@Injectable()
export class ClientAuthGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly devices: DevicesService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const owner = await requestKeyOwner(request, this.keys);
    if (!owner) throw new UnauthorizedException('missing or wrong API key (Authorization: Bearer <apiKey>)');
    request.caller = { profileId: owner.profileId, keyId: owner.keyId };
    const deviceId = request.headers['x-device-id'];
    if (typeof deviceId === 'string' && DEVICE_ID.test(deviceId)) {
      this.devices.seen(owner.profileId, {
        deviceId,
        name: headerText(request.headers['x-device-name'], 128),
        platform: headerText(request.headers['x-device-platform'], 64),
      });
    }
    return true;
  }
}

function headerText(value: string | string[] | undefined, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, max);
  return clean === '' ? undefined : clean;
}
