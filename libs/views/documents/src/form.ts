import { A4, BOLD, MARGIN, type Pdf, box, shade, textAt, textRight } from './pdf';

/** Drawing for HMRC's forms: numbered boxes of label/value pairs down the page, as the paper forms are laid out. */
export const FORM_LEFT = MARGIN;
export const FORM_RIGHT = A4.width - MARGIN;
export const FORM_WIDTH = FORM_RIGHT - FORM_LEFT;
const LINE = 15;

export interface FormField {
  readonly label: string;
  readonly value: string;
}

export function formTitle(pdf: Pdf, title: string, subtitle: string, aside: string): number {
  textAt(pdf, title, FORM_LEFT, MARGIN, { font: BOLD, size: 16, maxWidth: FORM_WIDTH * 0.6 });
  textAt(pdf, subtitle, FORM_LEFT, MARGIN + 20, { size: 10, maxWidth: FORM_WIDTH * 0.6 });
  textRight(pdf, aside, FORM_RIGHT, MARGIN + 2, { font: BOLD, size: 11, maxWidth: FORM_WIDTH * 0.4 });
  return MARGIN + 44;
}

export interface Column {
  readonly x: number;
  readonly width: number;
}
export const FULL: Column = { x: FORM_LEFT, width: FORM_WIDTH };
export const LEFT_HALF: Column = { x: FORM_LEFT, width: (FORM_WIDTH - 12) / 2 };
export const RIGHT_HALF: Column = { x: FORM_LEFT + (FORM_WIDTH + 12) / 2, width: (FORM_WIDTH - 12) / 2 };

/** One numbered box (or a titled one when number is empty) in a column; returns the y below it. */
export function formBox(
  pdf: Pdf,
  column: Column,
  y: number,
  number: string,
  heading: string,
  fields: readonly FormField[],
): number {
  const { x, width } = column;
  const height = LINE * (fields.length + 1) + 6;
  box(pdf, x, y, width, height);
  shade(pdf, x + 0.5, y + 0.5, width - 1, LINE);
  textAt(pdf, number === '' ? heading : `${number}  ${heading}`, x + 5, y + 4, {
    font: BOLD,
    size: 9,
    maxWidth: width - 10,
  });
  let at = y + LINE + 4;
  for (const field of fields) {
    // The figure is never cut; the label gives way to it.
    textRight(pdf, field.value, x + width - 6, at, { font: BOLD, size: 9 });
    const valueWidth = pdf.font(BOLD).fontSize(9).widthOfString(field.value);
    textAt(pdf, field.label, x + 12, at, { size: 9, maxWidth: width - valueWidth - 30 });
    at += LINE;
  }
  return y + height + 6;
}

/** A table in a box: a header row and rows of cells, the first left-aligned and the rest right-aligned figures. */
export function formTable(
  pdf: Pdf,
  y: number,
  heading: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  firstColumnWidth: number,
): number {
  const height = LINE * (rows.length + 2) + 6;
  box(pdf, FORM_LEFT, y, FORM_WIDTH, height);
  shade(pdf, FORM_LEFT + 0.5, y + 0.5, FORM_WIDTH - 1, LINE);
  textAt(pdf, heading, FORM_LEFT + 5, y + 4, { font: BOLD, size: 9, maxWidth: FORM_WIDTH - 10 });
  const figureWidth = (FORM_WIDTH - 12 - firstColumnWidth) / Math.max(1, columns.length - 1);
  const right = (column: number): number => FORM_LEFT + 6 + firstColumnWidth + figureWidth * column;
  const cells = (cellsOfRow: readonly string[], at: number, font?: string): void => {
    cellsOfRow.forEach((cell, column) => {
      if (column === 0) textAt(pdf, cell, FORM_LEFT + 6, at, { font, size: 8, maxWidth: firstColumnWidth - 4 });
      else textRight(pdf, cell, right(column), at, { font, size: 8, maxWidth: figureWidth - 4 });
    });
  };
  cells(columns, y + LINE + 4, BOLD);
  rows.forEach((row, index) => cells(row, y + LINE * (index + 2) + 4));
  return y + height + 6;
}

/** Running text (notes to the employee, the employer's certificate) in small type, wrapped to the box width. */
export function formNote(pdf: Pdf, y: number, text: string): number {
  pdf.font('Helvetica').fontSize(7.5);
  const height = pdf.heightOfString(text, { width: FORM_WIDTH });
  pdf.text(text, FORM_LEFT, y, { width: FORM_WIDTH, height: height + 2 });
  return y + height + 6;
}
