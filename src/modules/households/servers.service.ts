import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PlexServer } from '../../entities/plex-server.entity.js';
import { DEFAULT_SERVER_ID } from '../plex/plex-server.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexError } from '../plex/plex.errors.js';
import { ProxyIdentityService } from '../plex/proxy-identity.service.js';
import { ProfileRepository, ServerRepository } from './households.repositories.js';
import { PlexCallers } from './plex-callers.service.js';
import { SecretBox } from './secret-box.service.js';

export interface ServerView {
  id: string;
  name: string;
  url: string;
  machineIdentifier: string | null;
  isDefault: boolean;
  createdAt: string;
}

export const toServerView = (row: PlexServer): ServerView => ({
  id: row.id,
  name: row.name,
  url: row.url,
  machineIdentifier: row.machineIdentifier,
  isDefault: row.id === DEFAULT_SERVER_ID,
  createdAt: new Date(row.createdAt).toISOString(),
});

/** The Plex servers profiles play from: the default one from the configuration, and any added by the admin. */
@Injectable()
export class ServersService {
  constructor(
    private readonly servers: ServerRepository,
    private readonly profiles: ProfileRepository,
    private readonly callers: PlexCallers,
    private readonly secrets: SecretBox,
    private readonly plex: PlexClient,
    private readonly identity: ProxyIdentityService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ServerView[]> {
    return (await this.servers.all()).map(toServerView);
  }

  /** Adds a server once its `/identity` answers and it accepts the token (`/identity` itself needs none). */
  async add(name: string, url: string, token: string): Promise<ServerView> {
    const serverUrl = url.replace(/\/+$/, '');
    const caller = { serverUrl, token, clientIdentifier: this.identity.clientIdentifier };
    let machineIdentifier: string;
    try {
      ({ machineIdentifier } = await this.plex.identity(caller));
      await this.plex.preferences(caller);
    } catch (error) {
      if (!(error instanceof PlexError)) throw error;
      throw new UnprocessableEntityException(`the Plex server at ${serverUrl} was not usable: ${error.message}`);
    }
    const now = this.clock.now();
    const row = Object.assign(new PlexServer(), {
      id: randomUUID(),
      name,
      url: serverUrl,
      tokenEncrypted: this.secrets.seal(token),
      machineIdentifier,
      createdAt: now,
      updatedAt: now,
    } satisfies PlexServer);
    await this.servers.save(row);
    this.callers.rememberServer(row);
    return toServerView(row);
  }

  async remove(id: string): Promise<void> {
    if (id === DEFAULT_SERVER_ID) throw new ConflictException('the default server comes from PLEX_URL and cannot be removed');
    if (!(await this.servers.find(id))) throw new NotFoundException(`server ${id} not found`);
    if ((await this.profiles.countOnServer(id)) > 0) throw new ConflictException(`server ${id} still has profiles; delete them first`);
    await this.servers.delete(id);
    this.callers.forgetServer(id);
  }
}
