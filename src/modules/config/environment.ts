import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every environment variable the proxy reads. Nothing else in the code base touches `process.env`. */
export class EnvironmentVariables {
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  PORT: number = 3000;

  @IsString()
  @MinLength(1)
  HOST: string = '0.0.0.0';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http:// or https:// URL' })
  PLEX_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  PLEX_TOKEN?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  /** 32 bytes as 64 hex characters or base64; encrypts Plex tokens at rest. Unset: a key file under the data directory. */
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  SECRET_KEY?: string;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 10000000' })
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000_000, { message: 'must be at most 10000000' })
  RATE_LIMIT_PER_MINUTE: number = 600;

  /** Comma-separated origins allowed by CORS; unset: CORS stays off. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,\s*https?:\/\/[^\s,]+)*$/, { message: 'must be a comma-separated list of http(s):// origins' })
  CORS_ORIGINS?: string;

  @Matches(/^(file:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'must be a file: URL (sqlite) or a postgres:// URL',
  })
  DATABASE_URL: string = 'file:./data/proxy.sqlite';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (100 to 600000)' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(600_000, { message: 'must be at most 600000 ms' })
  TIMELINE_INTERVAL_MS: number = 10_000;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (1000 to 86400000)' })
  @Min(1000, { message: 'must be at least 1000 ms' })
  @Max(86_400_000, { message: 'must be at most 86400000 ms' })
  SESSION_IDLE_TIMEOUT_MS: number = 120_000;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 1024' })
  @Min(1, { message: 'must be at least 1' })
  @Max(1024, { message: 'must be at most 1024' })
  TIMELINE_CONCURRENCY: number = 32;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (10 to 60000)' })
  @Min(10, { message: 'must be at least 10 ms' })
  @Max(60_000, { message: 'must be at most 60000 ms' })
  PERSIST_FLUSH_MS: number = 1000;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (100 to 120000)' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(120_000, { message: 'must be at most 120000 ms' })
  PLEX_TIMEOUT_MS: number = 10_000;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  PLEX_PRODUCT: string = 'Plex Playback Proxy';

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(32)
  PLEX_VERSION?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  PLEX_PLATFORM: string = 'Node.js';

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  PLEX_DEVICE_NAME: string = 'Plex Playback Proxy';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  PLEX_EMULATOR_PORT: number = 32401;

  /**
   * How long a stream URL handed to a player stays valid. Default 6 h: longer than any film with its pauses, since a
   * player keeps opening the same URL (Range requests, segments) for the whole item; a URL also dies with its
   * session or when the session moves to another item.
   */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (1000 to 604800000)' })
  @Min(1000, { message: 'must be at least 1000 ms' })
  @Max(604_800_000, { message: 'must be at most 604800000 ms (7 days)' })
  STREAM_URL_TTL_MS: number = 21_600_000;

  /** The proxy's address as players reach it (e.g. behind a reverse proxy); unset: taken from each request's Host. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an http:// or https:// URL without query' })
  PUBLIC_URL?: string;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
}

export class ConfigurationError extends Error {}

/** Validates raw environment values; throws one ConfigurationError whose message is a single line. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(env, { whitelist: true });
  const problems = errors.map(describe);
  if (env.PLEX_URL && !env.PLEX_TOKEN) problems.push('PLEX_TOKEN is required when PLEX_URL is set');
  if (env.SECRET_KEY !== undefined && !decodeSecretKey(env.SECRET_KEY)) {
    problems.push('SECRET_KEY must be 32 bytes given as 64 hex characters or base64');
  }
  if (problems.length > 0) throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
  return env;
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {});
  const secret = /TOKEN|KEY/.test(error.property);
  const shown = secret || error.value === undefined ? '' : ` (got ${JSON.stringify(error.value)})`;
  return `${error.property} ${reasons[0] ?? 'is invalid'}${shown}`;
}

/** The 32-byte key from SECRET_KEY (64 hex characters or base64), or undefined when it is not one. */
export function decodeSecretKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}
