/**
 * The open data files written as they are read: CSV and GeoJSON text in chunks, from rows that
 * arrive batch by batch. Pure but for the CSV field rules of src/lib/csv.ts; tests check the
 * output equals csvDocument and reportFeatureCollection on the same rows.
 */
import {
  columnNames,
  reportFeature,
  rowCells,
  type Cell,
  type CollectionMembers,
  type Column,
  type ReportRow,
} from '../../domain/open-data';
import { csvField } from '../csv';

/** Rows per chunk written: few enough writes, small enough chunks. */
const ROWS_PER_CHUNK = 500;

const csvLine = (cells: unknown[]) => `${cells.map(csvField).join(',')}\r\n`;

/** A CSV document (BOM, header of the schema's names, CRLF lines) as csvDocument writes it. */
export async function* csvChunks(
  columns: readonly Column[],
  rows: AsyncIterable<Readonly<Record<string, Cell>>> | Iterable<Readonly<Record<string, Cell>>>
): AsyncGenerator<string> {
  let chunk = `\uFEFF${csvLine(columnNames(columns))}`;
  let count = 0;
  for await (const row of rows) {
    chunk += csvLine(rowCells(columns, row));
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/**
 * A FeatureCollection equal to reportFeatureCollection's, written feature by feature; the count
 * of reports without position is known only at the end, so the foreign members come last.
 */
export async function* geoJsonChunks(
  rows: AsyncIterable<ReportRow> | Iterable<ReportRow>,
  period: CollectionMembers['period']
): AsyncGenerator<string> {
  let chunk = '{"type":"FeatureCollection","features":[';
  let features = 0;
  let reportsWithoutPosition = 0;
  for await (const row of rows) {
    const feature = reportFeature(row);
    if (!feature) {
      reportsWithoutPosition++;
      continue;
    }
    chunk += (features++ ? ',' : '') + JSON.stringify(feature);
    if (features % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  const members: CollectionMembers = { period, reportsWithoutPosition };
  yield `${chunk}],${JSON.stringify(members).slice(1)}`;
}
