import { ApiClient } from './api-client.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const TEST_SECRET_KEY = '5e'.repeat(32);

export interface CreatedProfile {
  id: string;
  name: string;
  serverId: string;
  apiKey: string;
  keyId: string;
}

/** The admin API as the admin. */
export function adminClient(baseUrl: string, adminToken = TEST_ADMIN_TOKEN): ApiClient {
  return new ApiClient(baseUrl).with({ authorization: `Bearer ${adminToken}` });
}

/** Creates a profile through the admin API and returns it with its API key. */
export async function createProfile(
  admin: ApiClient,
  body: { name: string; plexToken?: string; serverId?: string },
): Promise<CreatedProfile> {
  const { status, body: created } = await admin.post<CreatedProfile>('/api/v1/admin/profiles', body);
  if (status !== 201) throw new Error(`creating profile ${body.name} answered ${status}: ${JSON.stringify(created)}`);
  return created;
}

/** The client API as a profile's device. */
export function clientFor(baseUrl: string, apiKey: string, deviceId = 'tv-1'): ApiClient {
  return new ApiClient(baseUrl).with({ authorization: `Bearer ${apiKey}`, 'x-device-id': deviceId });
}
