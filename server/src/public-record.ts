import type { RoomRecord } from './storage/storage.js';

/** A room record as the API answers it: times as ISO strings. */
export function publicRecord(record: RoomRecord) {
  return {
    id: record.id,
    title: record.title,
    symbol: record.symbol,
    template: record.template,
    schemaVersion: record.schemaVersion,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}
