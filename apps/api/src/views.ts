import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { READ_MODELS } from '@dpe/nest-engine';
import type { ProjectedViews } from '@dpe/view-catalogue';

/**
 * The API follows the store live with its projections (unless DPE_PROJECTIONS=external: `dpe project` does). The
 * catch-up runs in the background, so a large store never holds up the API's start: `/health` shows how far behind
 * each projection is meanwhile, and a view query projects what it needs before it answers.
 */
@Injectable()
export class ViewsLifecycle implements OnApplicationBootstrap {
  private readonly logger = new Logger('views');

  constructor(@Inject(READ_MODELS) private readonly views: ProjectedViews) {}

  onApplicationBootstrap(): void {
    this.views.start().catch((error: unknown) => {
      // No personal data: the error names a projection, an event position and a rule, never an event's fields.
      this.logger.error(`the projections could not start: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
