/** When a revision was issued, as the panel and the read-only banner show it: "7 Dec 2026, 09:31". */
export function issuedTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
