import { Controller, createParamDecorator, Sse, UseGuards, type ExecutionContext, type MessageEvent } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ApiAdminKey, ApiClientKey } from '../../common/api-security.decorators.js';
import { AdminAuthGuard } from '../auth/admin-auth.guard.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import {
  DeviceChangedEventDto,
  KeyChangedEventDto,
  ProfileChangedEventDto,
  ProgressChangedEventDto,
  ResyncEventDto,
  SessionCreatedEventDto,
  SessionEndedEventDto,
  SessionUpdatedEventDto,
} from './dto/live-event.dto.js';
import { LiveEventsService } from './live-events.service.js';

/**
 * Characters of events that may wait for a client that is not reading (about a thousand events); past it the
 * connection is cut and the client reconnects with `Last-Event-ID`.
 */
export const MAX_PENDING_EVENT_CHARS = 256 * 1024;

type EventSchema = readonly [dto: new () => unknown, types: readonly string[]];

const PROFILE_EVENTS: readonly EventSchema[] = [
  [SessionCreatedEventDto, ['session.created']],
  [SessionUpdatedEventDto, ['session.updated']],
  [SessionEndedEventDto, ['session.ended']],
  [ProgressChangedEventDto, ['progress.changed']],
  [ResyncEventDto, ['resync']],
];
const HOUSEHOLD_EVENTS: readonly EventSchema[] = [
  [ProfileChangedEventDto, ['profile.created', 'profile.updated', 'profile.deleted']],
  [KeyChangedEventDto, ['key.created', 'key.revoked']],
  [DeviceChangedEventDto, ['device.updated', 'device.paired']],
];

/** The stream's events as one schema: oneOf the events, told apart by `type` (each value mapped to its schema). */
const streamOf = (events: readonly EventSchema[], description: string) =>
  ApiOkResponse({
    description,
    content: {
      'text/event-stream': {
        schema: {
          oneOf: events.map(([dto]) => ({ $ref: getSchemaPath(dto) })),
          discriminator: {
            propertyName: 'type',
            mapping: Object.fromEntries(events.flatMap(([dto, types]) => types.map((type) => [type, getSchemaPath(dto)]))),
          },
        },
      },
    },
  });

const STREAM_DESCRIPTION =
  'A `text/event-stream`. Every event has `event:` (its `type`), `id:` and one `data:` line of JSON (the schemas ' +
  'below). A comment line (`: keep-alive`) comes every 15 s. A client that is not reading is cut off.';

/** The `Last-Event-ID` header an EventSource sends when it reconnects (documented by `@LastEventId()`). */
const LastEventIdHeader = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['last-event-id'];
  return typeof value === 'string' && value !== '' ? value : undefined;
});

const LastEventId = () => ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received: what came after it is sent first (or `resync` when it is no longer kept).' });

@ApiTags('events')
@ApiExtraModels(...[...PROFILE_EVENTS, ...HOUSEHOLD_EVENTS].map(([dto]) => dto))
@Controller('api/v1')
export class EventsController {
  constructor(private readonly live: LiveEventsService) {}

  /** The calling profile's live events: its sessions (from any of its devices) and its progress. Nothing of another profile. */
  @Sse('events', { maxPendingDataLength: MAX_PENDING_EVENT_CHARS })
  @ApiClientKey()
  @UseGuards(ClientAuthGuard)
  @LastEventId()
  @streamOf(PROFILE_EVENTS, STREAM_DESCRIPTION)
  streamEvents(@CurrentCaller() caller: Caller, @LastEventIdHeader() lastEventId?: string): Observable<MessageEvent> {
    return this.live.open({ kind: 'profile', profileId: caller.profileId, keyId: caller.keyId }, lastEventId);
  }

  /** Every profile's live events, and changes to profiles, keys and devices. */
  @Sse('admin/events', { maxPendingDataLength: MAX_PENDING_EVENT_CHARS })
  @ApiAdminKey()
  @UseGuards(AdminAuthGuard)
  @LastEventId()
  @streamOf([...PROFILE_EVENTS, ...HOUSEHOLD_EVENTS], STREAM_DESCRIPTION)
  streamAdminEvents(@LastEventIdHeader() lastEventId?: string): Observable<MessageEvent> {
    return this.live.open({ kind: 'admin' }, lastEventId);
  }
}
