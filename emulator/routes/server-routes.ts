import { metadataJson } from '../metadata-view.js';
import type { RouteDef } from '../route-types.js';
import { container } from '../route-types.js';

export const serverRoutes: RouteDef[] = [
  {
    template: '/identity',
    operations: [
      {
        method: 'GET',
        query: [],
        access: 'public',
        handle: ({ state }) =>
          container({ size: 0, claimed: true, machineIdentifier: state.machineIdentifier, version: state.version }),
      },
    ],
  },
  {
    template: '/:/prefs',
    operations: [
      {
        method: 'GET',
        query: [],
        access: 'user',
        handle: ({ state }) => {
          const settings = state.prefs.list();
          return container({ size: settings.length, Setting: settings });
        },
      },
    ],
    unimplemented: ['PUT'],
  },
  {
    template: '/status/sessions',
    operations: [
      {
        method: 'GET',
        query: [],
        access: 'admin',
        handle: ({ state }) => {
          const metadata = state.sessions.list().flatMap((session) => {
            const item = state.library.get(session.ratingKey);
            if (!item) return [];
            return [
              {
                ...metadataJson(item, state.library, state.watch, session.user.name),
                viewOffset: session.viewOffset,
                sessionKey: session.sessionKey,
                Player: {
                  machineIdentifier: session.clientIdentifier,
                  state: session.state,
                  product: session.product,
                  title: session.title,
                  device: session.device,
                  platform: session.platform,
                  address: '127.0.0.1',
                  local: true,
                  userID: session.user.id,
                },
                Session: { id: session.id, location: 'lan', bandwidth: 4000 },
                User: { id: String(session.user.id), title: session.user.name },
              },
            ];
          });
          return container({ size: metadata.length, Metadata: metadata });
        },
      },
    ],
  },
];
