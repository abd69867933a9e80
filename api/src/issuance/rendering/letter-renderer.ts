import { formatDateId, templateBlocks, type ActingKind, type SignatureMode, type SignerKind } from '@layanan/contracts';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { letterFonts } from './fonts';

export interface LetterSignatory {
  name: string;
  nip: string;
  position: string;
  rank: string | null;
  acting: ActingKind | null;
  actingFor: string | null;
}

/** Everything printed on one letter. A draft has no number and no QR code: both exist only once signed. */
export interface Letter {
  letterhead: { lines: string[]; address: string; contact: string; logo: Buffer | null };
  title: string;
  /** null for a draft (preview before signing). */
  number: string | null;
  /** The body with its placeholders already filled. */
  body: string;
  city: string;
  date: Date;
  /** null: a seal that names no official (the OPD's own letter: heading with the OPD, no name or NIP). */
  signatory: LetterSignatory | null;
  signature: { mode: SignatureMode; kind: SignerKind; opdName: string };
  /** null for a draft. */
  verification: { url: string; code: string } | null;
  /** 'DRAF' before signing, 'CONTOH' for a template preview; null on an issued document. */
  watermark: string | null;
  subject: string;
}

const A4 = { width: 595.28, height: 841.89 };
const M = { top: 36, left: 70, right: 56, bottom: 64 };
const CONTENT_WIDTH = A4.width - M.left - M.right;
const BODY = 11.5;

/** The signature block's opening line(s): "a.n. KEPALA DINAS ...\nSekretaris," or "Plh. KEPALA DINAS ...," or "KEPALA DINAS ...,". */
export function signatoryHeading(s: Pick<LetterSignatory, 'position' | 'acting' | 'actingFor'>): string {
  const upper = (t: string) => t.toUpperCase();
  if (s.acting === 'an' && s.actingFor) return `a.n. ${upper(s.actingFor)}\n${s.position},`;
  if ((s.acting === 'plh' || s.acting === 'plt') && s.actingFor) return `${s.acting === 'plh' ? 'Plh.' : 'Plt.'} ${upper(s.actingFor)},`;
  return `${upper(s.position)},`;
}

function footerText(letter: Letter): string {
  const how =
    letter.signature.mode === 'seal'
      ? `Dokumen ini disahkan dengan segel elektronik ${letter.signature.opdName} melalui sistem Layanan Terpadu Kota Malang.`
      : letter.signature.kind === 'bsre'
        ? 'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN.'
        : `Dokumen ini ditandatangani secara elektronik oleh ${letter.signatory?.name ?? letter.signature.opdName} melalui sistem Layanan Terpadu Kota Malang.`;
  return `${how} Keaslian dokumen dapat diperiksa dengan memindai kode QR atau melalui ${letter.verification?.url ?? 'halaman verifikasi setelah ditandatangani'}.`;
}

/**
 * An A4 letter in the Indonesian official format (tata naskah dinas): kop surat with logo and
 * double rule, centred underlined title and number, justified body with `| label | value`
 * tables, date line and signature block with the QR code on the right, verification footer on
 * every page. Fonts are embedded (DejaVu Serif, subset).
 */
export function renderLetter(letter: Letter): Promise<Buffer> {
  const fonts = letterFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: M,
    bufferPages: true,
    lang: 'id-ID',
    displayTitle: true,
    info: {
      Title: letter.watermark ? `${letter.title} (${letter.watermark.toLowerCase()})` : `${letter.title} ${letter.number ?? ''}`.trim(),
      Subject: letter.subject,
      Author: letter.signature.opdName,
      Creator: 'Layanan Terpadu Kota Malang',
      CreationDate: letter.date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font(fonts.regular);
  drawLetterhead(doc, letter, fonts);
  // Title and number.
  doc.moveDown(1.2);
  doc
    .font(fonts.bold)
    .fontSize(12.5)
    .text(letter.title.toUpperCase(), M.left, doc.y, { width: CONTENT_WIDTH, align: 'center', underline: true });
  doc
    .font(fonts.regular)
    .fontSize(BODY)
    .text(`Nomor: ${letter.number ?? '……/……/……'}`, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(1.2);

  for (const block of templateBlocks(letter.body)) {
    if (block.kind === 'paragraph') {
      doc.font(fonts.regular).fontSize(BODY).text(block.text, M.left, doc.y, {
        width: CONTENT_WIDTH,
        align: 'justify',
        indent: 28,
        lineGap: 2.5,
        paragraphGap: 0,
      });
      doc.moveDown(0.7);
    } else {
      const labelX = M.left + 28;
      const labelW = 150;
      const valueX = labelX + labelW + 12;
      for (const [label, value] of block.rows) {
        const y = doc.y;
        doc.font(fonts.regular).fontSize(BODY);
        const valueHeight = doc.heightOfString(value || '-', { width: A4.width - M.right - valueX, lineGap: 2 });
        if (y + valueHeight > A4.height - M.bottom) doc.addPage();
        const top = doc.y;
        doc.text(label, labelX, top, { width: labelW, lineGap: 2 });
        doc.text(':', labelX + labelW, top, { width: 12 });
        doc.text(value || '-', valueX, top, { width: A4.width - M.right - valueX, lineGap: 2 });
        doc.y = Math.max(doc.y, top + doc.currentLineHeight(true));
        doc.x = M.left;
      }
      doc.moveDown(0.7);
    }
  }

  drawSignatureBlock(doc, letter, fonts);
  drawFooters(doc, letter, fonts);
  if (letter.watermark) drawWatermark(doc, fonts, letter.watermark);
  doc.end();
  return done;
}

function drawLetterhead(doc: PDFKit.PDFDocument, letter: Letter, fonts: ReturnType<typeof letterFonts>): void {
  const logoSize = 62;
  const top = M.top;
  if (letter.letterhead.logo) {
    try {
      doc.image(letter.letterhead.logo, M.left, top + 2, { fit: [logoSize, logoSize], align: 'center', valign: 'center' });
    } catch {
      // An unreadable logo must not stop a letter; the kop still names the OPD.
    }
  }
  // The text is centred on the page between the margins, as in printed kop surat.
  const x = M.left + logoSize + 6;
  const width = CONTENT_WIDTH - 2 * (logoSize + 6);
  doc.y = top;
  letter.letterhead.lines.forEach((line, i) => {
    // The last line names the OPD, larger; every line shrinks to fit on one line, as printed kop surat do.
    let size = i === letter.letterhead.lines.length - 1 && i > 0 ? 15 : 13;
    const text = line.toUpperCase();
    doc.font(fonts.bold);
    while (size > 8 && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
    doc.text(text, x, doc.y, { width, align: 'center', lineGap: 0 });
  });
  doc.font(fonts.regular);
  for (const [i, line] of [letter.letterhead.address, letter.letterhead.contact].filter(Boolean).entries()) {
    let size = 9;
    while (size > 6.5 && doc.fontSize(size).widthOfString(line) > width) size -= 0.25;
    doc.text(line, x, doc.y + (i === 0 ? 1 : 0), { width, align: 'center' });
  }
  const ruleY = Math.max(doc.y + 4, top + logoSize + 6);
  doc
    .save()
    .lineWidth(2.2)
    .moveTo(M.left, ruleY)
    .lineTo(A4.width - M.right, ruleY)
    .stroke();
  doc
    .lineWidth(0.7)
    .moveTo(M.left, ruleY + 3)
    .lineTo(A4.width - M.right, ruleY + 3)
    .stroke()
    .restore();
  doc.x = M.left;
  doc.y = ruleY + 6;
}

function drawSignatureBlock(doc: PDFKit.PDFDocument, letter: Letter, fonts: ReturnType<typeof letterFonts>): void {
  const x = A4.width / 2 + 10;
  const width = A4.width - M.right - x;
  const qrSize = 74;
  const heading = letter.signatory ? signatoryHeading(letter.signatory) : `${letter.signature.opdName.toUpperCase()},`;
  doc.font(fonts.regular).fontSize(BODY);
  const needed = doc.heightOfString(`${letter.city}, x\n${heading}`, { width }) + qrSize + 70;
  if (doc.y + needed > A4.height - M.bottom) doc.addPage();
  doc.moveDown(0.6);
  const top = doc.y;
  doc.text(`${letter.city}, ${formatDateId(letter.date)}`, x, top, { width });
  doc.text(heading, x, doc.y, { width });
  const qrTop = doc.y + 6;
  if (letter.verification) {
    drawQr(doc, letter.verification.url, x, qrTop, qrSize);
  } else {
    doc.save().lineWidth(0.8).dash(3, { space: 3 }).rect(x, qrTop, qrSize, qrSize).stroke().undash().restore();
    doc
      .font(fonts.italic)
      .fontSize(7.5)
      .text('Kode QR dibuat saat ditandatangani', x + 4, qrTop + qrSize / 2 - 12, { width: qrSize - 8, align: 'center' });
  }
  const mark =
    letter.signature.mode === 'seal'
      ? 'Disahkan dengan\nsegel elektronik'
      : letter.signature.kind === 'bsre'
        ? 'Ditandatangani\nsecara elektronik\n(BSrE)'
        : 'Ditandatangani\nsecara elektronik';
  doc
    .font(fonts.italic)
    .fontSize(8)
    .text(mark, x + qrSize + 8, qrTop + 18, { width: width - qrSize - 8 });
  doc.y = qrTop + qrSize + 8;
  if (letter.signatory) {
    doc.font(fonts.bold).fontSize(BODY).text(letter.signatory.name, x, doc.y, { width, underline: true });
    doc.font(fonts.regular).fontSize(BODY);
    if (letter.signatory.rank) doc.text(letter.signatory.rank, x, doc.y, { width });
    doc.text(`NIP. ${letter.signatory.nip}`, x, doc.y, { width });
  }
  doc.x = M.left;
}

/** The QR code as vector squares (one rectangle per run of dark modules), sharp at any zoom. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let row = 0; row < n; row++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && Boolean(qr.modules.get(row, col));
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
        start = -1;
      }
    }
  }
  doc.fill('#000000').restore();
}

function drawFooters(doc: PDFKit.PDFDocument, letter: Letter, fonts: ReturnType<typeof letterFonts>): void {
  const range = doc.bufferedPageRange();
  const text = footerText(letter);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - bottom + 10;
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor('#888888')
      .moveTo(M.left, y - 4)
      .lineTo(A4.width - M.right, y - 4)
      .stroke()
      .restore();
    doc
      .font(fonts.regular)
      .fontSize(7)
      .fillColor('#333333')
      .text(text, M.left, y, { width: CONTENT_WIDTH - 80, lineGap: 0.5 });
    doc.text(`Halaman ${i - range.start + 1} dari ${range.count}`, A4.width - M.right - 70, y, { width: 70, align: 'right' });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
}

function drawWatermark(doc: PDFKit.PDFDocument, fonts: ReturnType<typeof letterFonts>, text: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save().rotate(-40, { origin: [A4.width / 2, A4.height / 2] });
    doc
      .font(fonts.bold)
      .fontSize(110)
      .fillColor('#d0d0d0')
      .fillOpacity(0.45)
      .text(text, 0, A4.height / 2 - 60, { width: A4.width, align: 'center', lineBreak: false });
    doc.restore();
    doc.page.margins.bottom = bottom;
  }
}
