import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { EntityManager } from 'typeorm';
import { CaseRepository } from '../cases/case.repository';
import { LocalDiskStorage } from '../files/local-disk-storage';
import { PiiCipher } from '../privacy/pii-cipher';

/** A one-page PDF saying what it is, with a correct cross-reference table. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj 0 -28 Td /F1 12 Tf (Dokumen contoh - data demo Layanan Terpadu) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Stores a demo PDF per requirement in the uploads folder and records it on the case. */
export function demoDocumentAttacher(m: EntityManager, dataDir: string) {
  const storage = new LocalDiskStorage(path.resolve(dataDir, 'uploads'));
  const repo = new CaseRepository(m.connection, PiiCipher.fromEnv());
  return async (caseId: string, requirementKeys: string[], status: 'pending' | 'valid'): Promise<void> => {
    for (const key of requirementKeys) {
      const bytes = demoPdf(`Berkas ${key}`);
      const storageKey = randomUUID();
      await storage.put(storageKey, bytes);
      await repo.addDocument(m, {
        case_id: caseId,
        requirement_key: key,
        file_name: `${key}.pdf`,
        storage_key: storageKey,
        content_type: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        uploaded_by_id: null,
        status,
      });
    }
  };
}
