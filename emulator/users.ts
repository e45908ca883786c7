import { randomBytes } from 'node:crypto';

export interface EmulatorUser {
  id: number;
  name: string;
  token: string;
  admin: boolean;
  /** Library sections shared with this member; undefined: all of them (the admin always sees all). */
  sections?: readonly number[];
}

/** Whether a user sees items of that library section. */
export function seesSection(user: EmulatorUser, sectionId: number): boolean {
  return user.admin || user.sections === undefined || user.sections.includes(sectionId);
}

export const ADMIN_USER_NAME = 'admin';

export function randomToken(length = 20): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The server's accounts: one admin and the household members added by tests. */
export class UserDirectory {
  private readonly byToken = new Map<string, EmulatorUser>();
  private nextId = 1;

  constructor(adminToken: string) {
    this.register(ADMIN_USER_NAME, adminToken, true);
  }

  add(name: string, token: string = randomToken()): string {
    if (this.all().some((user) => user.name === name)) throw new Error(`user ${name} already exists`);
    this.register(name, token, false);
    return token;
  }

  /** Shares only these sections with a member (undefined: all again), as the server owner can in Plex. */
  share(name: string, sections: readonly number[] | undefined): void {
    const user = this.all().find((candidate) => candidate.name === name);
    if (!user || user.admin) throw new Error(`no household member ${name}`);
    user.sections = sections ? [...sections] : undefined;
  }

  find(token: string | undefined): EmulatorUser | undefined {
    return token === undefined ? undefined : this.byToken.get(token);
  }

  all(): EmulatorUser[] {
    return [...this.byToken.values()];
  }

  private register(name: string, token: string, admin: boolean): void {
    if (this.byToken.has(token)) throw new Error('that token is already in use');
    this.byToken.set(token, { id: this.nextId++, name, token, admin });
  }
}
