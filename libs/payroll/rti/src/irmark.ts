import { createHash } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { C14nCanonicalization } from 'xml-crypto';

const ENVELOPE_NS = 'http://www.govtalk.gov.uk/CM/envelope';

/**
 * The IRmark of a GovTalk message, as HMRC's generic IRmark specification has it: the message's Body element with
 * its IRmark element removed (the whitespace around it stays), canonicalised with W3C Canonical XML 1.0 without
 * comments (so the Body carries the envelope's namespace declaration), hashed with SHA-1 and written in base64.
 * Line endings are LF before parsing, as XML parsers read them. Checked against HMRC's own IRmark test
 * (hmrc/construction-industry-scheme, IrMarkProcessorTest.scala; test-fixtures/README.md).
 */
export function irmarkOf(govTalkMessage: string): string {
  const document = new DOMParser().parseFromString(govTalkMessage.replace(/\r\n?/g, '\n'), 'text/xml');
  const body = document.getElementsByTagNameNS(ENVELOPE_NS, 'Body')[0];
  if (!body) throw new Error('IRmark: the GovTalk message has no Body in the envelope namespace');
  const marks = Array.from(body.getElementsByTagName('IRmark'));
  if (marks.length > 1) throw new Error('IRmark: the Body holds more than one IRmark element');
  for (const mark of marks) mark.parentNode?.removeChild(mark);
  const canonical = new C14nCanonicalization().process(body as unknown as Element, { ancestorNamespaces: [] });
  return createHash('sha1').update(String(canonical), 'utf8').digest('base64');
}

/** Writes the message's IRmark into its `<IRmark Type="generic">` element (whose current text is ignored). */
export function withIrmark(govTalkMessage: string): { readonly message: string; readonly irmark: string } {
  const irmark = irmarkOf(govTalkMessage);
  const pattern = /(<IRmark Type="generic">)[^<]*(<\/IRmark>)/;
  if (!pattern.test(govTalkMessage)) throw new Error('IRmark: the message has no <IRmark Type="generic"> element');
  return { message: govTalkMessage.replace(pattern, `$1${irmark}$2`), irmark };
}
