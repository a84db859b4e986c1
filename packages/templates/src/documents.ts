import { CRITERIA_TAGS } from '@plenary/schema';
import { draft, op, paragraph, pp, section, sub } from './build.js';
import { COMMITTEE_TESTIMONY, RES_76_231, ROUNDTABLE_SUMMARY, UNIDIR_REPORT } from './sources.js';
import type { Template } from './types.js';

/** Id of the blank draft, the template a room gets when none is named. */
export const BLANK_TEMPLATE_ID = 'blank';

/** A draft General Assembly resolution: PPs, then OPs under "Norms" and "Implementation". */
export const draftResolution: Template = {
  id: 'draft-resolution',
  title: 'Draft resolution',
  summary: 'A draft resolution with a preamble and operative paragraphs under "Norms" and "Implementation" headings.',
  kind: 'document',
  tags: ['avoid-miscalculation', 'avoid-surprise', 'be-predictable'],
  sources: [UNIDIR_REPORT, RES_76_231],
  content: draft(
    [
      pp('dres-pp1', 'Recalling ⟨previous resolutions⟩,'),
      pp(
        'dres-pp2',
        'Reaffirming the importance of outer space to the security, development and well-being of all States,',
      ),
      pp(
        'dres-pp3',
        'Recognizing that norms, rules and principles of responsible behaviour can reduce the risk of misunderstanding and miscalculation in outer space,',
        ['avoid-miscalculation'],
      ),
      pp('dres-pp4', 'Taking note of the report of ⟨working group⟩,'),
    ],
    [
      op('dres-op1', 'Welcomes ⟨document⟩;'),
      section('dres-norms', 'Norms', [
        op('dres-op2', 'Calls upon all States to ⟨commitment⟩;'),
        op(
          'dres-op3',
          'Encourages States to implement transparency and confidence-building measures, including:',
          ['avoid-surprise', 'be-predictable'],
          [
            sub('dres-op3-a', 'Notifications of launches and planned manoeuvres;'),
            sub('dres-op3-b', 'Unilateral declarations; and'),
            sub('dres-op3-c', 'Exchanges of information on national space policies;'),
          ],
        ),
      ]),
      section('dres-implementation', 'Implementation', [
        op(
          'dres-op4',
          'Requests the Secretary-General to submit to the General Assembly at its ⟨session number⟩ session a report on the implementation of the present resolution;',
        ),
        op(
          'dres-op5',
          'Decides to include in the provisional agenda of its ⟨session number⟩ session the item entitled ⟨agenda item⟩.',
        ),
      ]),
    ],
  ),
};

/** The recommendations section of a working group report. */
export const workingGroupRecommendations: Template = {
  id: 'working-group-recommendations',
  title: 'Working group report: recommendations',
  summary: 'The conclusions and recommendations section of a working group report, built on the eight criteria.',
  kind: 'document',
  tags: [...CRITERIA_TAGS],
  sources: [UNIDIR_REPORT, COMMITTEE_TESTIMONY, RES_76_231],
  content: draft(
    [],
    [
      section('wgr-recommendations', 'Conclusions and recommendations', [
        paragraph(
          'The Working Group adopted the following recommendations at its ⟨meeting number⟩ meeting, on ⟨date⟩.',
        ),
        op(
          'wgr-op1',
          'Recommends that States continue to engage in dialogue on norms, rules and principles of responsible behaviour relating to threats by States to space systems;',
          ['respect-security'],
        ),
        op(
          'wgr-op2',
          'Recommends that States be guided in their activities in outer space by the aim of avoiding surprise, respecting the security of others, avoiding provocation of tensions, being predictable and avoiding miscalculation;',
          ['avoid-surprise', 'respect-security', 'avoid-provocation', 'be-predictable', 'avoid-miscalculation'],
        ),
        op(
          'wgr-op3',
          'Recommends that States refrain from activities that create debris, require others to manoeuvre to reduce the potential for collision, or interfere with the normal operation of space objects;',
          ['no-debris', 'no-forced-manoeuvres', 'no-interference'],
        ),
        op(
          'wgr-op4',
          'Recommends that States commit not to conduct destructive direct-ascent anti-satellite missile tests;',
          ['no-debris'],
        ),
        op(
          'wgr-op5',
          'Recommends that ⟨body⟩ consider further due regard, consultations and a protocol for unplanned encounters in outer space.',
          ['avoid-miscalculation', 'avoid-provocation'],
        ),
      ]),
    ],
  ),
};

/** A Chair's summary: the text agreed, then the variety of views expressed. */
export const chairsSummary: Template = {
  id: 'chairs-summary',
  title: "Chair's summary",
  summary: "A Chair's summary: agreed text first, then a list reflecting the variety of views expressed.",
  kind: 'document',
  tags: ['be-predictable'],
  sources: [UNIDIR_REPORT, ROUNDTABLE_SUMMARY, COMMITTEE_TESTIMONY],
  content: draft(
    [],
    [
      section('cs-agreed', 'Agreed text', [
        paragraph(
          "This summary is issued under the responsibility of the Chair. It reflects the Chair's understanding of the discussions at the ⟨session⟩ session and does not commit any delegation.",
        ),
        op('cs-op1', 'Reaffirms the value of transparency and predictability in activities in outer space;', [
          'be-predictable',
        ]),
        op('cs-op2', 'Encourages States to ⟨agreed measure⟩.'),
      ]),
      section('cs-views', 'Variety of views', [
        paragraph('Some delegations expressed the view that ⟨view⟩.'),
        paragraph('Other delegations considered that ⟨view⟩.'),
        paragraph('Several delegations stressed ⟨view⟩.'),
        paragraph('Views diverged on ⟨topic⟩, and the Chair encourages further discussion at the next session.'),
      ]),
    ],
  ),
};

/** A blank draft: one PP and one OP to type into. */
export const blank: Template = {
  id: BLANK_TEMPLATE_ID,
  title: 'Blank draft',
  summary:
    'An empty draft with one preambular and one operative paragraph. Coverage starts at none of the eight criteria.',
  kind: 'document',
  // A blank draft addresses no criterion yet; it lists the eight it is to be checked against.
  tags: [...CRITERIA_TAGS],
  sources: [UNIDIR_REPORT],
  content: draft([pp('blank-pp1', '⟨Preambular paragraph⟩,')], [op('blank-op1', '⟨Operative paragraph⟩.')]),
};
