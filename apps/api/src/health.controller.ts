import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@dpe/event-store';
import { EVENT_STORE, Public, READ_MODELS } from '@dpe/nest-engine';
import type { ProjectedViews } from '@dpe/view-catalogue';

interface ProjectionHealth {
  name: string;
  version: number;
  position: string;
  lagEvents: number;
  lagSeconds: number;
  failed?: { position: string; eventType: string; error: string };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly views: ProjectedViews,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'health',
    summary: 'Whether the engine is up, its store, head position and projection lag',
  })
  @ApiOkResponse({
    description:
      'The engine is up: which store it uses, its head position, and per projection how far behind the head it is ' +
      '(events, and seconds since the oldest unprojected event was recorded), and whether it stopped on an event.',
    schema: {
      type: 'object',
      required: ['status', 'store', 'headPosition', 'projectionLag', 'projections'],
      properties: {
        status: { type: 'string', enum: ['ok', 'degraded'] },
        store: { type: 'string', enum: ['sqlite', 'eventstoredb', 'in-memory'] },
        headPosition: { type: 'string', pattern: '^\\d+$' },
        projectionLag: {
          type: 'integer',
          minimum: 0,
          description: 'Events behind the head, of the slowest projection',
        },
        projections: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'version', 'position', 'lagEvents', 'lagSeconds'],
            properties: {
              name: { type: 'string' },
              version: { type: 'integer' },
              position: { type: 'string' },
              lagEvents: { type: 'integer' },
              lagSeconds: { type: 'integer' },
              failed: {
                type: 'object',
                properties: { position: { type: 'string' }, eventType: { type: 'string' }, error: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  })
  async health(): Promise<{
    status: 'ok' | 'degraded';
    store: string;
    headPosition: string;
    projectionLag: number;
    projections: ProjectionHealth[];
  }> {
    const head = await this.store.headPosition();
    const projections = (await this.views.status()).map((status): ProjectionHealth => ({
      name: status.name,
      version: status.version,
      position: status.position.toString(),
      lagEvents: Number(status.lagEvents),
      lagSeconds: status.lagSeconds,
      ...(status.failed ? { failed: { ...status.failed, position: status.failed.position.toString() } } : {}),
    }));
    return {
      // A projection stopped on an event serves stale figures until it is fixed: the engine says so.
      status: projections.some((projection) => projection.failed) ? 'degraded' : 'ok',
      store: this.store.kind,
      headPosition: head.toString(),
      projectionLag: projections.reduce((worst, projection) => Math.max(worst, projection.lagEvents), 0),
      projections,
    };
  }
}
