import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { READ_MODELS } from '@dpe/nest-engine';
import type { ProjectedViews } from '@dpe/view-catalogue';

/** The API follows the store live with its projections (unless DPE_PROJECTIONS=external: `dpe project` does). */
@Injectable()
export class ViewsLifecycle implements OnApplicationBootstrap {
  constructor(@Inject(READ_MODELS) private readonly views: ProjectedViews) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.views.start();
  }
}
