/** Query parameters and headers whose values are secrets and must never reach a log line. */
const SECRET_NAMES = /^(x-plex-token|token|authorization|x-api-key|api[-_]?key|admin[-_]?token|plextoken|secret|password)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.test(name);
}

/** The signed token of a stream URL (`/api/v1/streams/{token}/…`): a credential while it lasts. */
const STREAM_TOKEN = /(\/api\/v1\/streams\/)[^/?#]+/g;

/** A pairing's user code in an approval or denial (`/api/v1/pairing/{code}`): whoever has it can approve it. */
const PAIRING_CODE = /(\/api\/v1\/(?:admin\/)?pairing\/)(?!token(?:[/?#]|$))[^/?#]+/g;

/** Replaces the values of secret query parameters, stream URL tokens and pairing codes in a URL or path with `[REDACTED]`. */
export function redactUrl(rawUrl: string): string {
  const url = rawUrl.replace(STREAM_TOKEN, '$1[REDACTED]').replace(PAIRING_CODE, '$1[REDACTED]');
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      return eq >= 0 && isSecretName(name) ? `${pair.slice(0, eq)}=[REDACTED]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

/** Removes every occurrence of the given secrets from a text (error messages from libraries, for instance). */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) scrubbed = scrubbed.split(secret).join('[REDACTED]');
  }
  return redactUrl(scrubbed);
}
