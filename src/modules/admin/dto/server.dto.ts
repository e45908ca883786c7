import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class AddServerDto {
  /** @example "Grandma's house" */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  name: string;

  /** The server's address; checked with `/identity` before it is added. @example "http://192.168.1.20:32400" */
  @IsString()
  @MaxLength(512)
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'url must be an http:// or https:// URL' })
  url: string;

  /** The server owner's Plex token (stored encrypted, never shown again). */
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  token: string;
}

export class ServerDto {
  /** @example "default" */
  id: string;
  /** @example "Default" */
  name: string;
  /** @example "http://192.168.1.20:32400" */
  url: string;
  /** @example "5f3c1e2a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e" */
  machineIdentifier: string | null;
  /** The server from PLEX_URL/PLEX_TOKEN (it cannot be removed). */
  isDefault: boolean;
  /** @example "2026-11-22T02:00:00.000Z" */
  createdAt: string;
}
