import type { ClauseNumber } from '@plenary/schema';
import type { EditorView } from 'prosemirror-view';
import type { ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Session } from '../api/rooms.js';
import { type CommentSignals, commentsTabName } from '../comments/comment-signals.js';
import { PresencePanel } from '../room/PresencePanel.js';
import { SharePanel } from '../room/ShareDialog.js';
import { CoveragePanel } from './CoveragePanel.js';
import { LibraryPanel } from './LibraryPanel.js';
import { type CommentCount, OutlinePanel } from './OutlinePanel.js';
import { type SideTab, SideTabs } from './SideTabs.js';

/** Everything the side panels may draw from. */
export interface SidePanelsProps {
  readonly view: EditorView | null;
  readonly editable: boolean;
  readonly room: string;
  readonly token: string;
  readonly session: Session;
  readonly awareness: Awareness;
  readonly labels: ReadonlyMap<string, ClauseNumber>;
  readonly commentCounts?: ReadonlyMap<string, CommentCount>;
  /** Unread messages and mentions, shown on the Comments tab. */
  readonly commentSignals?: CommentSignals;
  /** The comments panel, drawn under the Comments tab. */
  readonly comments: ReactNode;
  /** The suggestions panel, drawn under the Suggestions tab. */
  readonly suggestions: ReactNode;
  /** How many suggestions are open, shown on the Suggestions tab. */
  readonly openSuggestions: number;
  /** The positions panel (brackets, alternatives, what is open), drawn under the Positions tab. */
  readonly positions: ReactNode;
  /** How many brackets are open, shown on the Positions tab. */
  readonly openBrackets: number;
  /** The revisions panel, drawn under the Revisions tab. */
  readonly revisions: ReactNode;
}

/** The Comments tab's badge ("2", "2·@1") and accessible name, when something is unread. */
function commentsBadge(signals: CommentSignals | undefined): { badge?: string; name?: string } {
  if (!signals || signals.unread === 0) return {};
  const badge = signals.mentions > 0 ? `${signals.unread}·@${signals.mentions}` : String(signals.unread);
  return { badge, name: commentsTabName(signals) };
}

/** The side column's tabs, in order: adding a panel is adding one line here. */
function sideTabs(p: SidePanelsProps): SideTab[] {
  return [
    { id: 'outline', label: 'Outline', render: () => <OutlinePanel view={p.view} commentCounts={p.commentCounts} /> },
    {
      id: 'comments',
      label: 'Comments',
      ...commentsBadge(p.commentSignals),
      render: () => p.comments,
    },
    {
      id: 'suggestions',
      label: 'Suggestions',
      ...(p.openSuggestions > 0
        ? { badge: String(p.openSuggestions), name: `Suggestions, ${p.openSuggestions} open` }
        : {}),
      render: () => p.suggestions,
    },
    {
      id: 'positions',
      label: 'Positions',
      ...(p.openBrackets > 0
        ? { badge: String(p.openBrackets), name: `Positions, ${p.openBrackets} open brackets` }
        : {}),
      render: () => p.positions,
    },
    { id: 'revisions', label: 'Revisions', render: () => p.revisions },
    {
      id: 'library',
      label: 'Library',
      render: () => <LibraryPanel view={p.view} editable={p.editable} readOnly={p.session.role === 'observer'} />,
    },
    { id: 'coverage', label: 'Coverage', render: () => <CoveragePanel view={p.view} /> },
    { id: 'people', label: 'People', render: () => <PeoplePanel {...p} /> },
  ];
}

function PeoplePanel({ awareness, labels, session, room, token }: SidePanelsProps) {
  return (
    <>
      <PresencePanel awareness={awareness} labels={labels} />
      {session.role === 'chair' && <SharePanel room={room} token={token} self={session.person} awareness={awareness} />}
    </>
  );
}

/** The drafting room's side column: outline, comments, suggestions, positions, revisions, template library, criteria coverage and people. */
export function SidePanels(props: SidePanelsProps) {
  return <SideTabs tabs={sideTabs(props)} label="Side panels" rememberAs={`plenary:side-tab:${props.room}`} />;
}
