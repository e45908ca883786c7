import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { PairingRequest, type PairingStatus } from '../../entities/pairing-request.entity.js';

@Injectable()
export class PairingRepository {
  constructor(@InjectRepository(PairingRequest) private readonly rows: Repository<PairingRequest>) {}

  async insert(request: PairingRequest): Promise<void> {
    await this.rows.insert(request);
  }

  findByUserCode(userCodeHash: string): Promise<PairingRequest | null> {
    return this.rows.findOneBy({ userCodeHash });
  }

  findByDeviceCode(deviceCodeHash: string): Promise<PairingRequest | null> {
    return this.rows.findOneBy({ deviceCodeHash });
  }

  async update(id: string, changes: Partial<Pick<PairingRequest, 'status' | 'profileId' | 'intervalS' | 'lastPolledAt'>>): Promise<void> {
    await this.rows.update({ id }, changes);
  }

  /** Moves a request from one status to another only if it is still in the first: true when this call made the move. */
  async claim(id: string, from: PairingStatus, to: PairingStatus, changes: Partial<Pick<PairingRequest, 'profileId'>> = {}): Promise<boolean> {
    const result = await this.rows.update({ id, status: from }, { status: to, ...changes });
    return result.affected === 1;
  }

  /** Forgets requests that expired before `before`. */
  async deleteExpired(before: number): Promise<void> {
    await this.rows.delete({ expiresAt: LessThan(before) });
  }
}
