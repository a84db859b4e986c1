import { MessageType, SyncMessageType } from '@plenary/protocol';
import * as decoding from 'lib0/decoding';

/**
 * Whether an outgoing frame is a document write the server acknowledges: a sync step 2 or a
 * sync update (DESIGN §4; `docs/PROTOCOL.md`). Sync step 1 and awareness frames are not.
 */
export function isWriteFrame(data: unknown): boolean {
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else return false;
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return false;
    const subtype = decoding.readVarUint(decoder);
    return subtype === SyncMessageType.step2 || subtype === SyncMessageType.update;
  } catch {
    return false;
  }
}
