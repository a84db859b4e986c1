export { encodeAck, readAck, writeAck } from './ack.js';
export { CloseCode, type CloseCodeValue, isRetryableClose } from './close-code.js';
export {
  Extension,
  type ExtensionName,
  MessageType,
  type MessageTypeValue,
  parseExtensions,
  SyncMessageType,
} from './message-type.js';
export { isValidRoomId, ROOM_ID_PATTERN } from './room-id.js';
export { encodeSettings, readSettings } from './settings.js';
