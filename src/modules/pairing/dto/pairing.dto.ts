import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class StartPairingDto {
  /** The TV's own id, as it sends in `X-Device-Id`; the key it gets is bound to it. @example "tv-livingroom" */
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'deviceId must be 1 to 128 letters, digits or ._:-' })
  deviceId: string;

  /** What the person approving sees. @example "Living room TV" */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  deviceName: string;

  /** @example "webOS" */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  platform?: string;
}

export class PairingStartedDto {
  /** What the TV shows: the person enters it on their phone, or gives it to the admin. Good for `expiresIn` seconds, once. @example "BCDF-GHJK" */
  userCode: string;
  /** Where a member's app approves the code: `POST {verificationUrl}/{userCode}` with the member's key. @example "http://192.168.1.20:3000/api/v1/pairing" */
  verificationUrl: string;
  /** The TV's secret for polling `POST /api/v1/pairing/token`; never show it. */
  deviceCode: string;
  /** Seconds the codes stay good. @example 600 */
  expiresIn: number;
  /** Seconds to wait between polls. @example 5 */
  interval: number;
}

export class PairingTokenRequestDto {
  /** The `deviceCode` from `POST /api/v1/pairing`. */
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  deviceCode: string;
}

export class PairedKeyDto {
  /** The TV's API key: shown once, only its hash is stored. Send it as `Authorization: Bearer …`. */
  apiKey: string;
  /** @example "6a0e1f6c-2f1d-4c8e-9a7b-1b2c3d4e5f60" */
  keyId: string;
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  profileId: string;
  /** The device the key is bound to. @example "tv-livingroom" */
  deviceId: string;
}

export class ApprovePairingDto {
  /** The profile the TV will play as. @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'profileId must be a profile id' })
  profileId: string;
}

export class ApprovedPairingDto {
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  profileId: string;
  /** @example "tv-livingroom" */
  deviceId: string;
  /** @example "Living room TV" */
  deviceName: string | null;
  /** @example "webOS" */
  platform: string | null;
}
