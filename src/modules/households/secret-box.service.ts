import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { readOrCreateSecretFile } from './data-file.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts secrets at rest (Plex tokens) with AES-256-GCM; the key comes from SECRET_KEY or a generated key file. */
@Injectable()
export class SecretBox {
  private readonly logger = new Logger(SecretBox.name);
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.secretKey ?? this.keyFromFile(join(config.dataDir, 'secret.key'));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  open(sealed: string): string {
    const [version, payload] = sealed.split(':');
    if (version !== VERSION || !payload) throw new Error('unknown secret format');
    const bytes = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /**
   * A 32-byte key for another purpose (e.g. signing stream URLs), derived with HKDF-SHA256 under its own label,
   * so the encryption key itself is never used for anything else.
   */
  deriveKey(label: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, 'plex-playback-proxy', label, 32));
  }

  private keyFromFile(path: string): Buffer {
    const { value, created } = readOrCreateSecretFile(path, () => randomBytes(32).toString('hex'));
    if (created) this.logger.warn(`SECRET_KEY is not set: generated a key file at ${path} (keep it with the database)`);
    const key = Buffer.from(value, 'hex');
    if (key.length !== 32) throw new Error(`the key file ${path} does not hold a 32-byte hex key`);
    return key;
  }
}
