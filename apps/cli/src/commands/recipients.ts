import type { Command } from 'commander';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import { v4 as uuidv4 } from 'uuid';
import type { CommandOutcome } from '@dpe/decider';
import { DP_ACCOUNT_TYPES, RECIPIENT_TYPES, REPRESENTATIVE_ROLES, parseEnrolRecipient } from '@dpe/recipients';
import { EnrolRecipientCommand, GetRecipientQuery, commandOutcomeView } from '@dpe/nest-engine';
import { withEngine } from '../engine-context';
import { printJson, run } from '../output';

interface EnrolOptions {
  recipientId?: string;
  council?: string;
  type?: string;
  name?: string;
  representativeName?: string;
  representativeRole?: string;
  accountType?: string;
  payeReference?: string;
  accountsOfficeReference?: string;
  enrolledOn?: string;
  commandId?: string;
  actor?: string;
  store?: string;
}

function defaultActor(): string {
  return `cli:${process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown'}`;
}

const STORE_OPTION = ['--store <spec>', 'event store: sqlite:<path> | memory: | esdb://… (default: $DPE_STORE or sqlite:./data/dpe.db)'] as const;

export function registerRecipientCommands(program: Command): void {
  program
    .command('enrol-recipient')
    .description('Enrol a Direct Payment recipient (stores RecipientEnrolled); idempotent by --command-id')
    .option('--recipient-id <id>', 'recipient id (default: a new uuid)')
    .option('--council <name>', 'the council paying the Direct Payment')
    .option('--type <type>', `recipient type: ${RECIPIENT_TYPES.join(' | ')}`)
    .option('--name <name>', "the recipient's name")
    .option('--representative-name <name>', 'representative or suitable person, if any')
    .option('--representative-role <role>', REPRESENTATIVE_ROLES.join(' | '))
    .option('--account-type <type>', `DP account: ${DP_ACCOUNT_TYPES.join(' | ')}`)
    .option('--paye-reference <ref>', 'employer PAYE reference, e.g. 123/AB456')
    .option('--accounts-office-reference <ref>', 'Accounts Office reference, e.g. 123PW12345678')
    .option('--enrolled-on <date>', 'enrolment date yyyy-mm-dd (default: today, Europe/London)')
    .option('--command-id <id>', 'idempotency key: repeating it returns the first result (default: a new uuid)')
    .option('--actor <who>', 'who is acting, recorded on the event (default: cli:$USER)')
    .option(...STORE_OPTION)
    .action((options: EnrolOptions) =>
      run(async () => {
        const representative =
          options.representativeName !== undefined || options.representativeRole !== undefined
            ? { name: options.representativeName, role: options.representativeRole }
            : undefined;
        const today = DateTime.now().setZone('Europe/London').toISODate()!;
        const command = parseEnrolRecipient(
          {
            recipientId: options.recipientId ?? uuidv4(),
            council: options.council,
            recipientType: options.type,
            name: options.name,
            representative,
            accountType: options.accountType,
            employerPayeReference: options.payeReference,
            accountsOfficeReference: options.accountsOfficeReference,
            enrolledOn: options.enrolledOn,
          },
          today,
        );
        const commandId = options.commandId ?? uuidv4();
        const outcome = await withEngine(options.store ?? process.env['DPE_STORE'], (app) =>
          app
            .get(CommandBus)
            .execute<EnrolRecipientCommand, CommandOutcome>(
              new EnrolRecipientCommand(command, { commandId, actor: options.actor ?? defaultActor() }),
            ),
        );
        printJson({ recipientId: command.recipientId, commandId, ...commandOutcomeView(outcome) });
      }),
    );

  program
    .command('show-recipient <recipientId>')
    .description('Show a recipient as folded from its events')
    .option(...STORE_OPTION)
    .action((recipientId: string, options: { store?: string }) =>
      run(async () => {
        const recipient = await withEngine(options.store ?? process.env['DPE_STORE'], (app) =>
          app.get(QueryBus).execute(new GetRecipientQuery(recipientId)),
        );
        printJson(recipient);
      }),
    );
}
