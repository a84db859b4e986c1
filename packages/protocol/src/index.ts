export { encodeAck, readAck, writeAck } from './ack.js';
export { CloseCode, type CloseCodeValue, isRetryableClose } from './close-code.js';
export { type CommentActor, isOwnMessage, mayChangeStatus, mayComment } from './comment-rules.js';
export {
  type CommentAnchor,
  type CommentMessage,
  type CommentsPayload,
  type CommentThread,
  type CommentThreadStatus,
  type CommentVisibility,
  encodeComments,
  readComments,
} from './comments.js';
export {
  CHAIR_COLOUR,
  type ColourRole,
  DELEGATION_PALETTE,
  delegationColour,
  labelInk,
} from './delegation-colour.js';
export { encodeKeepalive, isKeepaliveBody } from './keepalive.js';
export {
  Extension,
  type ExtensionName,
  MessageType,
  type MessageTypeValue,
  parseExtensions,
  SyncMessageType,
} from './message-type.js';
export {
  encodeOperation,
  encodeOperationResult,
  MAX_OPERATION_BYTES,
  OPERATION_NAMES,
  type OperationFailure,
  OperationFormatError,
  type OperationId,
  type OperationName,
  type OperationRequest,
  type OperationResult,
  readOperation,
  readOperationResult,
} from './operation.js';
export {
  type ClauseStatusRecord,
  type DiscardedOption,
  encodePositions,
  type PickRecord,
  type PositionRecords,
  type PositionsPayload,
  type ProposalKind,
  type ProposalRecord,
  type ProposalStatus,
  readPositions,
  STANCES,
  type Stance,
  type StanceRecord,
} from './positions.js';
export { isValidRoomId, ROOM_ID_PATTERN } from './room-id.js';
export {
  encodeRoomMetadata,
  type RoomMetadata,
  RoomMetadataFormatError,
  readRoomMetadata,
} from './room-metadata.js';
export { parseSchemaParam, SCHEMA_PARAM, type SchemaParam } from './schema-param.js';
export { encodeSettings, readSettings } from './settings.js';
export {
  encodeSuggestions,
  readSuggestions,
  type SuggestionKind,
  type SuggestionRecord,
  type SuggestionStatus,
  type SuggestionsPayload,
} from './suggestions.js';
