import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler, type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@dpe/access';
import {
  executeCommand,
  runQuery,
  type AnyCommandDeclaration,
  type AnyQueryDeclaration,
  type CommandOutcome,
  type Envelope,
  type ReadModels,
} from '@dpe/decider';
import type { EventStore } from '@dpe/event-store';
import type { DateTime } from 'luxon';
import { EVENT_STORE, READ_MODELS } from './tokens';

/** Any declared command, as @nestjs/cqrs's CommandBus carries it: one class, one handler, for every command. */
export class ExecuteCommand {
  constructor(
    readonly declaration: AnyCommandDeclaration,
    readonly input: unknown,
    readonly envelope: Envelope,
  ) {}
}

@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ declaration, input, envelope }: ExecuteCommand): Promise<CommandOutcome> {
    return executeCommand(this.store, declaration, input, envelope);
  }
}

/** Any declared query, through the QueryBus. */
export class RunQuery {
  constructor(
    readonly declaration: AnyQueryDeclaration,
    readonly params: unknown,
    readonly principal: Principal,
    readonly now: DateTime,
  ) {}
}

@QueryHandler(RunQuery)
export class RunQueryHandler implements IQueryHandler<RunQuery, unknown> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(READ_MODELS) private readonly views?: ReadModels,
  ) {}

  execute({ declaration, params, principal, now }: RunQuery): Promise<unknown> {
    return runQuery(this.store, declaration, params, principal, now, this.views);
  }
}
