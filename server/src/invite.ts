/**
 * The path of an invite link: the token rides in the fragment, which browsers never send to
 * the server (DESIGN §5).
 */
export function invitePath(room: string, token: string): string {
  return `/rooms/${room}#invite=${token}`;
}
