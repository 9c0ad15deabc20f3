import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse,
  ApiProperty, ApiPropertyOptional, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { DateTime } from 'luxon';
import type { CommandOutcome } from '@dpe/decider';
import { DP_ACCOUNT_TYPES, RECIPIENT_TYPES, REPRESENTATIVE_ROLES, parseEnrolRecipient } from '@dpe/recipients';
import { EnrolRecipientCommand, GetRecipientQuery, commandOutcomeView, type EnrolledRecipient } from '@dpe/nest-engine';

class RepresentativeBody {
  @ApiProperty({ example: 'Sam Morgan' }) name!: string;
  @ApiProperty({ enum: REPRESENTATIVE_ROLES }) role!: string;
}

class EnrolRecipientBody {
  @ApiPropertyOptional({ description: 'Idempotency key; or send the Idempotency-Key header. A repeat returns the first result.' })
  commandId?: string;
  @ApiPropertyOptional({ description: 'Defaults to an id derived from the command id', example: 'r-1001' })
  recipientId?: string;
  @ApiProperty({ example: 'Kent County Council' }) council!: string;
  @ApiProperty({ enum: RECIPIENT_TYPES }) recipientType!: string;
  @ApiProperty({ example: 'Alex Morgan' }) name!: string;
  @ApiPropertyOptional({ type: RepresentativeBody }) representative?: RepresentativeBody;
  @ApiProperty({ enum: DP_ACCOUNT_TYPES }) accountType!: string;
  @ApiProperty({ example: '123/AB456', description: '3-digit tax office, "/", 1-10 letters or digits' })
  employerPayeReference!: string;
  @ApiProperty({ example: '123PW12345678', description: '13 characters with a modulus-23 check character' })
  accountsOfficeReference!: string;
  @ApiPropertyOptional({ example: '2026-04-06', description: 'Business date; defaults to today (Europe/London)' })
  enrolledOn?: string;
}

// Recipient ids derived from the command id make a retried POST without a recipientId land on the same recipient.
const RECIPIENT_ID_NAMESPACE = '0f4c1e9a-3b7d-4b8e-a2c5-7d9e1f3a5b60';

@ApiTags('recipients')
@Controller('recipients')
export class RecipientsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Command id; a repeat returns the first result' })
  @ApiHeader({ name: 'X-Actor', required: false, description: 'Who is acting (user or service id); recorded on every event' })
  @ApiHeader({ name: 'X-Correlation-Id', required: false })
  @ApiCreatedResponse({ description: 'RecipientEnrolled was stored (or, on a repeated command id, had been stored)' })
  @ApiBadRequestResponse({ description: 'problem+json naming every invalid field' })
  @ApiConflictResponse({ description: 'the recipient is already enrolled' })
  async enrol(
    @Body() body: EnrolRecipientBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-actor') actor: string | undefined,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const commandId = typeof input['commandId'] === 'string' && input['commandId'] ? input['commandId'] : idempotencyKey ?? uuidv4();
    const recipientId = input['recipientId'] ?? uuidv5(commandId, RECIPIENT_ID_NAMESPACE);
    const today = DateTime.now().setZone('Europe/London').toISODate()!;
    const command = parseEnrolRecipient({ ...input, recipientId }, today);
    const outcome: CommandOutcome = await this.commands.execute(
      new EnrolRecipientCommand(command, { commandId, actor: actor ?? 'api:anonymous', correlationId }),
    );
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return { recipientId: command.recipientId, commandId, ...commandOutcomeView(outcome) };
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The recipient as folded from its events' })
  @ApiNotFoundResponse({ description: 'no such recipient' })
  get(@Param('id') id: string): Promise<EnrolledRecipient> {
    return this.queries.execute(new GetRecipientQuery(id));
  }
}
