/** Creates a profile through the admin API and returns its API key, so a benchmark calls as a household member. */
export async function createBenchProfile(proxyUrl: string, adminToken: string, name = 'bench'): Promise<string> {
  const response = await fetch(`${proxyUrl}/api/v1/admin/profiles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { apiKey?: string };
  if (response.status !== 201 || !body.apiKey) throw new Error(`creating the bench profile answered ${response.status}`);
  return body.apiKey;
}
