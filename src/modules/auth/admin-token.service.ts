import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { readOrCreateSecretFile } from '../households/data-file.js';

/** The admin token: ADMIN_TOKEN, or one generated on first start and kept in a 0600 file under the data directory. */
@Injectable()
export class AdminTokenService implements OnModuleInit {
  private readonly logger = new Logger(AdminTokenService.name);
  private digest: Buffer | undefined;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    let token = this.config.adminToken;
    if (!token) {
      const path = join(this.config.dataDir, 'admin-token');
      const file = readOrCreateSecretFile(path, () => randomBytes(32).toString('base64url'));
      token = file.value;
      this.logger.warn(`ADMIN_TOKEN is not set: the admin token ${file.created ? 'was generated into' : 'is read from'} ${path}`);
    }
    this.digest = sha256(token);
  }

  /** Compares digests in constant time, so neither the token nor its length leaks through timing. */
  matches(given: string | undefined): boolean {
    if (!given || !this.digest) return false;
    return timingSafeEqual(sha256(given), this.digest);
  }
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();
