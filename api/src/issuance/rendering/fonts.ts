import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** DejaVu Serif from the dejavu-fonts-ttf package: shipped through npm, embedded (subset) in every document. */
const DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export interface LetterFonts {
  regular: PDFKit.Mixins.PDFFontSource;
  bold: PDFKit.Mixins.PDFFontSource;
  italic: PDFKit.Mixins.PDFFontSource;
}

let fonts: LetterFonts | null = null;

/**
 * Parsed once per process: pdfkit accepts a fontkit font object and would otherwise re-parse the
 * TTF for every document (most of a document's render time when measured).
 */
export function letterFonts(): LetterFonts {
  if (!fonts) {
    // pdfkit takes a fontkit font where its types only list file sources.
    const load = (file: string) => fontkit.create(readFileSync(path.join(DIR, file))) as unknown as PDFKit.Mixins.PDFFontSource;
    fonts = { regular: load('DejaVuSerif.ttf'), bold: load('DejaVuSerif-Bold.ttf'), italic: load('DejaVuSerif-Italic.ttf') };
  }
  return fonts;
}
