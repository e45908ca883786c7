import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class CreateProfileDto {
  /** @example "Alice" */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  name: string;

  /** The person's own Plex token, so Plex records their plays against them; without it the server's owner is used. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  plexToken?: string;

  /** The server the profile plays from (`default` when omitted). @example "default" */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'serverId must be a server id' })
  serverId?: string;
}

export class RenameProfileDto {
  /** @example "Alice" */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  name: string;
}

export class ProfileDto {
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  id: string;
  /** @example "Alice" */
  name: string;
  /** @example "default" */
  serverId: string;
  /** Whether the profile plays as its own Plex user (else as the server's owner). */
  hasPlexToken: boolean;
  /** @example "2026-11-22T02:00:00.000Z" */
  createdAt: string;
}

export class IssuedKeyDto {
  /** @example "6a0e1f6c-2f1d-4c8e-9a7b-1b2c3d4e5f60" */
  id: string;
  /** The key's first characters, to tell keys apart later. @example "ppk_Zx9aQ2bW" */
  prefix: string;
  /** The API key: shown once, only its hash is stored. */
  apiKey: string;
}

export class KeyDto {
  /** @example "6a0e1f6c-2f1d-4c8e-9a7b-1b2c3d4e5f60" */
  id: string;
  /** The key's first characters. @example "ppk_Zx9aQ2bW" */
  prefix: string;
  /** The device a key made by pairing is bound to; null for keys the admin issued. @example "tv-livingroom" */
  deviceId: string | null;
  /** @example "2026-11-22T02:00:00.000Z" */
  createdAt: string;
  /** When it was revoked; null while it works. */
  revokedAt: string | null;
}

export class CreatedProfileDto {
  /** @example "3f1c2a9e-8d3b-4c52-9f41-0a6b7c8d9e10" */
  id: string;
  /** @example "Alice" */
  name: string;
  /** @example "default" */
  serverId: string;
  /** The profile's first API key: shown once, only its hash is stored. */
  apiKey: string;
  /** @example "6a0e1f6c-2f1d-4c8e-9a7b-1b2c3d4e5f60" */
  keyId: string;
}
