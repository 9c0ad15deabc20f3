import { el, renderXml, XML_DECLARATION, type XmlElement } from './xml';
import type { RtiYear } from './tax-years';

/** The employer's HMRC references, as the IRheader Keys and EmpRefs carry them. */
export interface RtiEmployer {
  /** The tax office number: the three digits before the slash of the PAYE reference ("123" of "123/AB456"). */
  readonly officeNumber: string;
  /** The reference after the slash ("AB456"). */
  readonly payeReference: string;
  /** The 13-character Accounts Office reference, e.g. "123PW12345678". */
  readonly accountsOfficeReference: string;
}

/**
 * Who sends the message (IRheader Sender): "Agent" when the bureau files as the employer's authorised agent,
 * "Bureau" when it files for the employer without being its agent, "Individual" when the employer files itself
 * (a Direct Payment recipient is a person, not a company).
 */
export type RtiSender = 'Agent' | 'Bureau' | 'Individual';

/** Splits "123/AB456" into the office number and the reference after the slash. */
export function rtiEmployer(payeReference: string, accountsOfficeReference: string): RtiEmployer {
  const [officeNumber, reference] = payeReference.split('/');
  if (!officeNumber || !reference) throw new Error(`PAYE reference ${JSON.stringify(payeReference)} has no "/"`);
  return { officeNumber, payeReference: reference, accountsOfficeReference };
}

export function irHeader(year: RtiYear, employer: RtiEmployer, sender: RtiSender): XmlElement {
  return el('IRheader', [
    el('Keys', [
      el('Key', employer.officeNumber, { Type: 'TaxOfficeNumber' }),
      el('Key', employer.payeReference, { Type: 'TaxOfficeReference' }),
    ]),
    el('PeriodEnd', year.periodEnd),
    el('DefaultCurrency', 'GBP'),
    // Its text is replaced by the IRmark once the message is written (irmark.ts).
    el('IRmark', 'IRMARK', { Type: 'generic' }),
    el('Sender', sender),
  ]);
}

export function empRefs(employer: RtiEmployer): XmlElement {
  return el('EmpRefs', [
    el('OfficeNo', employer.officeNumber),
    el('PayeRef', employer.payeReference),
    el('AORef', employer.accountsOfficeReference),
  ]);
}

/**
 * The GovTalk envelope (envelope-v2-0-HMRC.xsd) around an IRenvelope. The Header carries no credentials: the
 * gateway adapter that sends the message adds SenderDetails, and the IRmark covers the Body only, so adding them
 * leaves the IRmark as it is.
 */
export function govTalkMessage(
  envelope: XmlElement,
  messageClass: string,
  employer: RtiEmployer,
  test: boolean,
): string {
  const message = el(
    'GovTalkMessage',
    [
      el('EnvelopeVersion', '2.0'),
      el('Header', [
        el('MessageDetails', [
          el('Class', messageClass),
          el('Qualifier', 'request'),
          el('Function', 'submit'),
          el('CorrelationID', []),
          el('Transformation', 'XML'),
          el('GatewayTest', test ? '1' : '0'),
        ]),
      ]),
      el('GovTalkDetails', [
        el('Keys', [
          el('Key', employer.officeNumber, { Type: 'TaxOfficeNumber' }),
          el('Key', employer.payeReference, { Type: 'TaxOfficeReference' }),
        ]),
        el('TargetDetails', [el('Organisation', 'IR')]),
        el('ChannelRouting', [
          el('Channel', [el('Name', 'dp-engine'), el('Product', 'dp-engine'), el('Version', '0.1')]),
        ]),
      ]),
      el('Body', [envelope]),
    ],
    { xmlns: 'http://www.govtalk.gov.uk/CM/envelope' },
  );
  return XML_DECLARATION + renderXml(message);
}
