import { HttpError } from './http-error.js';
import { isPlexHeaderParam, queryProblems } from './param-rules.js';
import type { EmulatorState, Reply } from './route-types.js';
import { matchRoute } from './router.js';
import type { EmulatorUser, UserDirectory } from './users.js';

export interface IncomingCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export interface DispatchResult {
  reply: Reply;
  user?: EmulatorUser;
}

const text = (status: number, message: string): Reply => ({ status, body: message });

function tokenOf(call: IncomingCall): string | undefined {
  const fromQuery = Object.entries(call.query).find(([name]) => name.toLowerCase() === 'x-plex-token')?.[1];
  return call.headers['x-plex-token'] ?? fromQuery;
}

function headerOrQuery(call: IncomingCall, lowerName: string): string | undefined {
  return (
    call.headers[lowerName] ??
    Object.entries(call.query).find(([name]) => isPlexHeaderParam(name) && name.toLowerCase() === lowerName)?.[1]
  );
}

/**
 * Routes one call: unknown path 404, undeclared method 400 (501 when the spec declares it but the emulator does
 * not serve it; HEAD where a GET says so), then auth (401 / 403 for admin-only), then the declared parameters
 * (400), then the handler.
 */
export function dispatch(state: EmulatorState, users: UserDirectory, call: IncomingCall): DispatchResult {
  const match = matchRoute(call.path);
  if (!match) return { reply: text(404, `Not Found: ${call.path}`) };
  const { route, pathParams } = match;
  const operation = route.operations.find(
    (candidate) => candidate.method === call.method || (call.method === 'HEAD' && candidate.method === 'GET' && candidate.head),
  );
  if (!operation) {
    if (route.unimplemented?.includes(call.method)) {
      return { reply: text(501, `${call.method} ${route.template} is not implemented by the emulator`) };
    }
    return { reply: text(400, `${call.method} is not allowed on ${route.template}`) };
  }
  const user = users.find(tokenOf(call));
  if (operation.access !== 'public') {
    if (!user) return { reply: text(401, 'Unauthorized: missing or unknown X-Plex-Token') };
    if (operation.access === 'admin' && !user.admin) {
      return { reply: text(403, 'Forbidden: this call needs the admin token'), user };
    }
  }
  const problems = queryProblems([...operation.query, ...(operation.exceptions ?? [])], call.query);
  for (const name of route.integerPathParams ?? []) {
    if (!/^\d+$/.test(pathParams[name] ?? '')) problems.push(`path parameter ${name} must be an integer`);
  }
  for (const header of operation.requiredHeaders ?? []) {
    if (!headerOrQuery(call, header)) problems.push(`missing required header ${header}`);
  }
  if (problems.length > 0) return { reply: text(400, `Bad Request: ${problems.join('; ')}`), user };
  try {
    const reply = operation.handle({
      state,
      user: user ?? { id: 0, name: '', token: '', admin: false },
      pathParams,
      query: call.query,
      headers: call.headers,
    });
    return { reply, user };
  } catch (error) {
    if (error instanceof HttpError) return { reply: text(error.status, error.message), user };
    throw error;
  }
}
