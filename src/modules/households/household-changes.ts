/** Changes to a household's profiles, API keys and devices, as the admin's live stream announces them. */
export type HouseholdChange =
  | { type: 'profile.created' | 'profile.updated' | 'profile.deleted'; profileId: string; name: string }
  | { type: 'key.created' | 'key.revoked'; profileId: string; keyId: string; deviceId: string | null }
  | { type: 'device.updated' | 'device.paired'; profileId: string; deviceId: string; name: string | null; platform: string | null };
