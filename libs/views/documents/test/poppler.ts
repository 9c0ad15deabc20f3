import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The PDF specs read what was drawn back through poppler-utils (pdftotext, pdfinfo, pdftoppm), as a viewer would.
 * Without poppler they would prove nothing, so they fail loudly rather than skip.
 */
export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(
          `${tool} was not found on PATH: the @dpe/documents PDF specs need poppler-utils ` +
            '(apt-get install poppler-utils, or brew install poppler) and will not skip without it',
          { cause: error },
        );
      }
      // `-v` exits non-zero on some poppler versions; the tool is there, which is all this checks.
    }
  }
}

/** Writes the PDF to a fresh temp directory, hands its path to use, then removes the directory. */
export function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'dpe-documents-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

export function pdfInfo(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
}
