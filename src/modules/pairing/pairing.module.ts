import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PairingRequest } from '../../entities/pairing-request.entity.js';
import { AuthModule } from '../auth/auth.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { AdminPairingController } from './admin-pairing.controller.js';
import { PairingApprovalController, PairingController } from './pairing.controller.js';
import { PairingRepository } from './pairing.repository.js';
import { PairingService } from './pairing.service.js';

/** Pairing a TV with a short code (RFC 8628): the TV's calls, a member's approval, the admin's. */
@Module({
  imports: [TypeOrmModule.forFeature([PairingRequest]), AuthModule, HouseholdsModule],
  controllers: [PairingController, PairingApprovalController, AdminPairingController],
  providers: [PairingRepository, PairingService],
})
export class PairingModule {}
