import { renderPdf, renderPdfPages } from './pdf';
import { pdfInfo, pdfText, requirePoppler } from '../test/poppler';

beforeAll(requirePoppler);

const meta = { title: 'Spec', author: 'spec', subject: 'spec', date: new Date('2026-04-06T00:00:00Z') };

describe('renderPdf and renderPdfPages', () => {
  it('refuses a one-page document that spills onto a second sheet', async () => {
    const spills = (page: PDFKit.PDFDocument) => page.text('a line of text '.repeat(400), 40, 800, { width: 500 });
    await expect(renderPdf(meta, spills)).rejects.toThrow('Spec: page 1 spilled onto another A4 page');
  });

  it('draws each page on its own A4 sheet, in order', async () => {
    const pdf = await renderPdfPages(meta, [
      (page) => page.text('first page', 40, 40, { lineBreak: false }),
      (page) => page.text('second page', 40, 40, { lineBreak: false }),
    ]);
    expect(pdfInfo(pdf)).toMatch(/^Pages:\s+2$/m);
    expect(pdfInfo(pdf)).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(
      pdfText(pdf)
        .split('\f')
        .slice(0, -1)
        .map((page) => page.trim()),
    ).toEqual(['first page', 'second page']);
  });

  it('refuses a page that spills onto another sheet, naming the page', async () => {
    const spills = (page: PDFKit.PDFDocument) => page.text('a line of text '.repeat(400), 40, 800, { width: 500 });
    await expect(
      renderPdfPages(meta, [(page) => page.text('fits', 40, 40, { lineBreak: false }), spills]),
    ).rejects.toThrow('Spec: page 2 spilled onto another A4 page');
  });
});
