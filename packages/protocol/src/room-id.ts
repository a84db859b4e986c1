/** Room ids: 1–64 characters of `[A-Za-z0-9_-]` (DESIGN §5). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `value` is a valid room id. Anything else is refused before touching storage. */
export function isValidRoomId(value: string): boolean {
  return ROOM_ID_PATTERN.test(value);
}
