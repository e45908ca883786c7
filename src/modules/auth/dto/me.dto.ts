export class DeviceDto {
  /** @example "tv-livingroom" */
  id: string;
  /** From `X-Device-Name`. @example "Living room TV" */
  name: string | null;
  /** From `X-Device-Platform`. @example "tvOS" */
  platform: string | null;
  /** Updated at most once a minute. @example "2026-11-22T02:00:00.000Z" */
  lastSeenAt: string;
}

export class MeServerDto {
  /** @example "default" */
  id: string;
  /** @example "Default" */
  name: string;
}

export class MeDto {
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  id: string;
  /** @example "Alice" */
  name: string;
  server: MeServerDto;
  devices: DeviceDto[];
}
