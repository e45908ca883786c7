import { Injectable } from '@nestjs/common';
import { ProfilesService } from '../households/profiles.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { CreatedProfileDto, CreateProfileDto, ProfileDto } from './dto/profile.dto.js';

/** Admin work on profiles that spans modules: deleting a profile ends its sessions too. */
@Injectable()
export class AdminProfilesService {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly sessions: SessionsService,
  ) {}

  async create(dto: CreateProfileDto): Promise<CreatedProfileDto> {
    const { profile, key } = await this.profiles.create(dto);
    return { id: profile.id, name: profile.name, serverId: profile.serverId, apiKey: key.apiKey, keyId: key.id };
  }

  list(): Promise<ProfileDto[]> {
    return this.profiles.list();
  }

  rename(id: string, name: string): Promise<ProfileDto> {
    return this.profiles.rename(id, name);
  }

  async delete(id: string): Promise<void> {
    const profile = await this.profiles.get(id);
    await this.profiles.delete(profile.id);
    await this.sessions.endAllOf(profile.id, 'profile-deleted');
  }

}
