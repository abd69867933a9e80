import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { AppError } from '../errors/app-error';

// Tables as files: CSV streamed row by row (constant memory, any size) and XLSX through
// exceljs's streaming writer without styles or shared strings (still memory-hungry: callers cap
// the rows, see XLSX_ROW_CAP). Both take the same columns, so a file says what the screen says.

export type Cell = string | number | boolean | null | undefined;
export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
}
export type ExportFormat = 'csv' | 'xlsx';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function* cells<T>(rows: AsyncIterable<T> | Iterable<T>, columns: Column<T>[]): AsyncGenerator<Cell[]> {
  for await (const row of rows) yield columns.map((c) => c.value(row));
}

/** CSV with a header row and a UTF-8 BOM (so spreadsheet programs read Indonesian names right). */
export function csvStream<T>(rows: AsyncIterable<T> | Iterable<T>, columns: Column<T>[]): Readable {
  const out = stringify({
    header: true,
    columns: columns.map((c) => c.header),
    bom: true,
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  pipeline(Readable.from(cells(rows, columns)), out, () => undefined);
  return out;
}

/** One-sheet XLSX, streamed as it is written. */
export function xlsxStream<T>(rows: AsyncIterable<T> | Iterable<T>, columns: Column<T>[], sheet: string): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = book.addWorksheet(sheet.slice(0, 31));
  ws.addRow(columns.map((c) => c.header)).commit();
  void (async () => {
    try {
      for await (const r of cells(rows, columns)) ws.addRow(r.map((v) => (v === undefined ? null : v))).commit();
      ws.commit();
      await book.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}

/** A download: `name` without extension; the stream in the format asked for. */
export function exportFile<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  columns: Column<T>[],
  name: string,
  format: ExportFormat,
): StreamableFile {
  const stream = format === 'xlsx' ? xlsxStream(rows, columns, name) : csvStream(rows, columns);
  return new StreamableFile(stream, {
    type: CONTENT_TYPES[format],
    disposition: `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.${format}"`,
  });
}

/** The `format` query parameter: csv (default) or xlsx; anything else is a 400 naming it. */
export function exportFormat(raw: unknown): ExportFormat {
  if (raw === undefined || raw === '' || raw === 'csv') return 'csv';
  if (raw === 'xlsx') return 'xlsx';
  throw AppError.field('FIELD_INVALID', 'format', 'must be csv or xlsx');
}
