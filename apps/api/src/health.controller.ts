import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@dpe/event-store';
import { EVENT_STORE, Public } from '@dpe/nest-engine';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'health',
    summary: 'Whether the engine is up, its store, head position and projection lag',
  })
  @ApiOkResponse({
    description:
      'The engine is up: which store it uses, its head position, and projection lag (events not yet projected).',
    schema: {
      type: 'object',
      required: ['status', 'store', 'headPosition', 'projectionLag'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        store: { type: 'string', enum: ['sqlite', 'eventstoredb', 'in-memory'] },
        headPosition: { type: 'string', pattern: '^\\d+$' },
        projectionLag: { type: 'integer', minimum: 0 },
      },
    },
  })
  async health(): Promise<{ status: 'ok'; store: string; headPosition: string; projectionLag: number }> {
    const head = await this.store.headPosition();
    // No projections exist yet, so nothing can lag; this becomes head minus the slowest checkpoint when they do.
    return { status: 'ok', store: this.store.kind, headPosition: head.toString(), projectionLag: 0 };
  }
}
