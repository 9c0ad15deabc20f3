import PDFDocument from 'pdfkit';

/**
 * The one place this library talks to pdfkit. Every page is an A4 sheet drawn at fixed positions with the PDF standard
 * Helvetica fonts, which every viewer has, so no font file is read or embedded.
 */
export type Pdf = PDFKit.PDFDocument;

/** ISO 216 A4 in PDF points, as pdfkit sizes it. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 40;
export const REGULAR = 'Helvetica';
export const BOLD = 'Helvetica-Bold';

export interface PdfMeta {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  /** Fixed from the document's own date: pdfkit derives the file /ID from it, so equal input gives equal bytes. */
  readonly date: Date;
}

/** A one-page document: a payslip, a P60. */
export const renderPdf = (meta: PdfMeta, draw: (pdf: Pdf) => void): Promise<Buffer> => renderPdfPages(meta, [draw]);

/**
 * A document of one or more A4 pages, each drawn by its own function at fixed positions (the P45's Parts 1A, 2 and 3
 * are one PDF, a part a page). A page that spills onto another sheet loses its figures when printed one-sided, so it
 * is refused, naming the page.
 */
export function renderPdfPages(meta: PdfMeta, pages: readonly ((pdf: Pdf) => void)[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 0,
      font: REGULAR,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Creator: 'dp-engine @dpe/documents',
        Producer: 'PDFKit',
        CreationDate: meta.date,
        ModDate: meta.date,
      },
    });
    const chunks: Buffer[] = [];
    let added = 1;
    pdf.on('pageAdded', () => (added += 1));
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('error', reject);
    pdf.on('end', () => {
      if (added !== pages.length) {
        reject(new Error(`${meta.title} ran to ${added} pages; it has ${pages.length}, each fitting one A4 page`));
      } else resolve(Buffer.concat(chunks));
    });
    try {
      pages.forEach((draw, index) => {
        if (index > 0) pdf.addPage({ size: 'A4', margin: 0 });
        const before = added;
        draw(pdf);
        if (added !== before) throw new Error(`${meta.title}: page ${index + 1} spilled onto another A4 page`);
      });
    } catch (error) {
      reject(error);
      return;
    }
    pdf.end();
  });
}

export interface TextStyle {
  readonly font?: string;
  readonly size?: number;
  /** Cut to this width with an ellipsis, so a long description cannot run into the next column. */
  readonly maxWidth?: number;
}

function fitted(pdf: Pdf, text: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || pdf.widthOfString(text) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 0 && pdf.widthOfString(`${cut}…`) > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Text with its left edge at x. lineBreak false: pdfkit then never wraps nor starts a page of its own. */
export function textAt(pdf: Pdf, text: string, x: number, y: number, style: TextStyle = {}): void {
  pdf.font(style.font ?? REGULAR).fontSize(style.size ?? 9);
  pdf.text(fitted(pdf, text, style.maxWidth), x, y, { lineBreak: false });
}

/** Text with its right edge at right: figures line up on the pence. */
export function textRight(pdf: Pdf, text: string, right: number, y: number, style: TextStyle = {}): void {
  pdf.font(style.font ?? REGULAR).fontSize(style.size ?? 9);
  const shown = fitted(pdf, text, style.maxWidth);
  pdf.text(shown, right - pdf.widthOfString(shown), y, { lineBreak: false });
}

export function rule(pdf: Pdf, x1: number, x2: number, y: number, width = 0.5): void {
  pdf.save().lineWidth(width).strokeColor('#777777').moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

export function box(pdf: Pdf, x: number, y: number, width: number, height: number): void {
  pdf.save().lineWidth(0.5).strokeColor('#777777').rect(x, y, width, height).stroke().restore();
}

export function shade(pdf: Pdf, x: number, y: number, width: number, height: number): void {
  pdf.save().fillColor('#eeeeee').rect(x, y, width, height).fill().restore();
  pdf.fillColor('#000000');
}
