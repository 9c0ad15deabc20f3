import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, handleCommand, loadState, type CommandContext, type CommandOutcome } from '@dpe/decider';
import type { EventStore } from '@dpe/event-store';
import { recipientDecider, recipientStreamId, type EnrolRecipient, type RecipientState } from '@dpe/recipients';
import { EVENT_STORE } from './tokens';

/** How a command's outcome is shown to a caller (API response, CLI output): positions as strings, not bigints. */
export function commandOutcomeView(outcome: CommandOutcome) {
  return {
    streamId: outcome.streamId,
    replayed: outcome.replayed,
    events: outcome.events.map((e) => ({
      id: e.id,
      type: e.type,
      revision: e.revision.toString(),
      globalPosition: e.globalPosition.toString(),
      recordedAt: e.metadata.recordedAt,
    })),
  };
}

export class EnrolRecipientCommand {
  constructor(readonly command: EnrolRecipient, readonly context: CommandContext) {}
}

@CommandHandler(EnrolRecipientCommand)
export class EnrolRecipientHandler implements ICommandHandler<EnrolRecipientCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, context }: EnrolRecipientCommand): Promise<CommandOutcome> {
    return handleCommand(this.store, recipientDecider, recipientStreamId(command.recipientId), command, context);
  }
}

export class GetRecipientQuery {
  constructor(readonly recipientId: string) {}
}

export type EnrolledRecipient = Extract<RecipientState, { status: 'enrolled' }> & { readonly revision: string };

@QueryHandler(GetRecipientQuery)
export class GetRecipientHandler implements IQueryHandler<GetRecipientQuery, EnrolledRecipient> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ recipientId }: GetRecipientQuery): Promise<EnrolledRecipient> {
    const { state, revision } = await loadState(this.store, recipientDecider, recipientStreamId(recipientId));
    if (state.status !== 'enrolled' || revision === undefined) {
      throw new DomainError('not-found', 'recipient.not-found', `recipient ${recipientId} is not enrolled`);
    }
    return { ...state, revision: revision.toString() };
  }
}
