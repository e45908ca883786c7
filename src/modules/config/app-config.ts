import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeSecretKey, type EnvironmentVariables } from './environment.js';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string };

/** The typed, validated configuration every other part of the proxy reads. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: EnvironmentVariables['LOG_LEVEL'];
  readonly adminToken: string | undefined;
  readonly database: DatabaseConfig;
  /** Where generated files live (the admin token, the secret key file): next to the SQLite file, else ./data. */
  readonly dataDir: string;
  /** SECRET_KEY decoded; undefined: a key file in `dataDir` is used. */
  readonly secretKey: Buffer | undefined;
  readonly rateLimitPerMinute: number;
  /** Origins CORS allows; empty: CORS off. */
  readonly corsOrigins: string[];
  readonly timelineIntervalMs: number;
  /** A session whose client has not called for this long is stopped as `client-lost`. */
  readonly sessionIdleTimeoutMs: number;
  /** At most this many timeline requests in flight to one Plex server. */
  readonly timelineConcurrency: number;
  /** How long session and progress writes may wait to be batched into one transaction. */
  readonly persistFlushMs: number;
  readonly streams: {
    /** How long a stream URL stays valid. */
    readonly urlTtlMs: number;
    /** Base of stream URLs (no trailing slash); undefined: from the request's Host header. */
    readonly publicUrl: string | undefined;
  };
  readonly plex: {
    /** Unset: the proxy starts its built-in Plex emulator with a demo library. */
    readonly url: string | undefined;
    readonly token: string | undefined;
    readonly timeoutMs: number;
    readonly emulatorPort: number;
  };
  readonly identity: {
    readonly product: string;
    readonly version: string;
    readonly platform: string;
    readonly deviceName: string;
  };

  constructor(env: EnvironmentVariables) {
    this.port = env.PORT;
    this.host = env.HOST;
    this.logLevel = env.LOG_LEVEL;
    this.adminToken = env.ADMIN_TOKEN;
    this.database = parseDatabaseUrl(env.DATABASE_URL);
    this.dataDir = this.database.type === 'sqlite' && this.database.path !== ':memory:' ? dirname(this.database.path) : './data';
    this.secretKey = env.SECRET_KEY === undefined ? undefined : decodeSecretKey(env.SECRET_KEY);
    this.rateLimitPerMinute = env.RATE_LIMIT_PER_MINUTE;
    this.corsOrigins = env.CORS_ORIGINS?.split(',').map((origin) => origin.trim()) ?? [];
    this.timelineIntervalMs = env.TIMELINE_INTERVAL_MS;
    this.sessionIdleTimeoutMs = env.SESSION_IDLE_TIMEOUT_MS;
    this.timelineConcurrency = env.TIMELINE_CONCURRENCY;
    this.persistFlushMs = env.PERSIST_FLUSH_MS;
    this.streams = { urlTtlMs: env.STREAM_URL_TTL_MS, publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') };
    this.plex = {
      url: env.PLEX_URL?.replace(/\/+$/, ''),
      token: env.PLEX_TOKEN,
      timeoutMs: env.PLEX_TIMEOUT_MS,
      emulatorPort: env.PLEX_EMULATOR_PORT,
    };
    this.identity = {
      product: env.PLEX_PRODUCT,
      version: env.PLEX_VERSION ?? packageVersion(),
      platform: env.PLEX_PLATFORM,
      deviceName: env.PLEX_DEVICE_NAME,
    };
  }
}

function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('file:')) {
    return { type: 'sqlite', path: decodeURIComponent(url.slice('file:'.length).replace(/^\/\/(?=\/)/, '')) };
  }
  return { type: 'postgres', url };
}

let cachedVersion: string | undefined;
/** The project's package.json is the nearest one above this module (dist/src/…). */
function packageVersion(): string {
  for (let folder = new URL('./', import.meta.url); !cachedVersion; folder = new URL('../', folder)) {
    const file = new URL('package.json', folder);
    if (existsSync(file)) cachedVersion = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    else if (folder.pathname === '/') throw new Error(`no package.json above ${import.meta.url}`);
  }
  return cachedVersion;
}
