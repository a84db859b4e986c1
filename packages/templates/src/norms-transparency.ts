import { draft, op, pp, sub } from './build.js';
import { CUES, LTS_GUIDELINES, OUTER_SPACE_TREATY, RES_76_231, UNIDIR_REPORT } from './sources.js';
import type { Template } from './types.js';

/** Prior notification of launches and manoeuvres: avoid surprise, be predictable. */
export const priorNotification: Template = {
  id: 'prior-notification',
  title: 'Prior notification of launches and manoeuvres',
  summary:
    'States give advance notice of space launches and of manoeuvres that bring their objects close to those of others.',
  kind: 'norm',
  tags: ['avoid-surprise', 'be-predictable'],
  sources: [UNIDIR_REPORT, RES_76_231, LTS_GUIDELINES],
  content: draft(
    [
      pp(
        'pn-pp1',
        'Recognizing that advance notice of space launches and of planned manoeuvres reduces the risk of misunderstanding and surprise,',
        ['avoid-surprise'],
      ),
    ],
    [
      op(
        'pn-op1',
        'Calls upon States to notify ⟨recipients⟩ of each planned space launch not less than ⟨number of days⟩ days in advance, including the launch window, the launch site and the planned orbital parameters;',
        ['avoid-surprise', 'be-predictable'],
      ),
      op(
        'pn-op2',
        'Also calls upon States to give advance notice, through ⟨channel⟩, of planned manoeuvres that could bring their space objects into proximity with space objects of other States;',
        ['avoid-surprise'],
      ),
      op(
        'pn-op3',
        'Encourages States to make such notifications available through the Secretary-General and existing registration mechanisms.',
        ['be-predictable'],
      ),
    ],
  ),
};

/** Publishing national space policies and doctrines: be predictable. */
export const nationalPolicies: Template = {
  id: 'national-policies',
  title: 'Publication of national space policies and doctrines',
  summary: 'States publish their national space security policies and doctrines and make unilateral declarations.',
  kind: 'norm',
  tags: ['be-predictable', 'avoid-miscalculation'],
  sources: [UNIDIR_REPORT, RES_76_231],
  content: draft(
    [
      pp(
        'np-pp1',
        'Convinced that the publication of national space policies contributes to predictability and mutual understanding among States,',
        ['be-predictable'],
      ),
    ],
    [
      op(
        'np-op1',
        'Encourages States to publish their national space security policies and doctrines, including ⟨subject matter⟩, and to review them at intervals not exceeding ⟨number of years⟩ years;',
        ['be-predictable'],
      ),
      op(
        'np-op2',
        'Invites States to make unilateral declarations on the principles guiding their civil and military activities in outer space;',
        ['be-predictable', 'avoid-miscalculation'],
      ),
      op(
        'np-op3',
        'Requests the Secretary-General to compile the policies, doctrines and declarations submitted by States and to make them publicly available.',
        ['be-predictable'],
      ),
    ],
  ),
};

/** Consultation mechanisms and a protocol for unplanned encounters. */
export const unplannedEncounters: Template = {
  id: 'unplanned-encounters',
  title: 'Consultation mechanisms and a protocol for unplanned encounters',
  summary:
    'National points of contact, prompt consultations and a protocol for unplanned encounters in outer space, adapted from maritime practice.',
  kind: 'norm',
  tags: ['avoid-provocation', 'avoid-miscalculation'],
  sources: [UNIDIR_REPORT, CUES],
  content: draft(
    [
      pp(
        'ue-pp1',
        'Mindful that mechanisms developed for unplanned encounters at sea offer inspiration for outer space, to be adapted rather than transposed,',
        ['avoid-miscalculation'],
      ),
    ],
    [
      op(
        'ue-op1',
        'Calls upon States to designate a national point of contact, reachable at all times, for communications on unplanned encounters and potentially hazardous situations in outer space, and to communicate its details to ⟨depositary⟩;',
        ['avoid-miscalculation'],
      ),
      op(
        'ue-op2',
        'Recommends that States develop a protocol for unplanned encounters in outer space, comprising:',
        ['avoid-provocation', 'avoid-miscalculation'],
        [
          sub('ue-op2-a', 'Agreed means and formats of communication between operators and between States;'),
          sub('ue-op2-b', 'Procedures for clarifying the intent of an approaching space object; and'),
          sub('ue-op2-c', 'Steps for de-escalation where an encounter gives rise to concern;'),
        ],
      ),
      op(
        'ue-op3',
        'Urges States, where an activity of another State gives rise to concern, to request consultations promptly, and the State so requested to respond within ⟨number of days⟩ days.',
        ['avoid-provocation'],
      ),
    ],
  ),
};

/** Due regard and consultations, named in the report as a broad-consensus topic. */
export const dueRegard: Template = {
  id: 'due-regard',
  title: 'Due regard and consultations',
  summary:
    'States conduct their activities with due regard to the interests of others and consult before potentially harmful activities.',
  kind: 'norm',
  tags: ['respect-security', 'avoid-provocation'],
  sources: [UNIDIR_REPORT, OUTER_SPACE_TREATY],
  content: draft(
    [
      pp(
        'dr-pp1',
        'Recalling the principle of due regard and the practice of international consultations in the Treaty on Principles Governing the Activities of States in the Exploration and Use of Outer Space, including the Moon and Other Celestial Bodies,',
        ['respect-security'],
      ),
    ],
    [
      op(
        'dr-op1',
        'Affirms that States are to conduct their activities in outer space with due regard to the corresponding interests of all other States;',
        ['respect-security'],
      ),
      op(
        'dr-op2',
        'Recommends that States develop, through ⟨mechanism⟩, common understandings of the circumstances in which a planned activity calls for prior consultations;',
        ['avoid-provocation'],
      ),
      op(
        'dr-op3',
        'Encourages States to request consultations whenever they have reason to believe that an activity of another State could cause harmful interference with their activities in outer space.',
        ['respect-security', 'avoid-provocation'],
      ),
    ],
  ),
};

/** Information exchange as a transparency and confidence-building measure. */
export const informationExchange: Template = {
  id: 'information-exchange',
  title: 'Transparency and confidence-building measures: information exchange',
  summary: 'Regular exchange of information on space objects, activities and policies among States.',
  kind: 'norm',
  tags: ['be-predictable', 'avoid-surprise'],
  sources: [UNIDIR_REPORT, LTS_GUIDELINES],
  content: draft(
    [
      pp(
        'ie-pp1',
        'Noting that transparency and confidence-building measures, including notifications, unilateral declarations and information exchange, are considered likely starting points for broad consensus,',
        ['be-predictable'],
      ),
    ],
    [
      op(
        'ie-op1',
        'Encourages States to exchange information annually on:',
        ['be-predictable', 'avoid-surprise'],
        [
          sub('ie-op1-a', 'Their national space policies, objectives and programmes;'),
          sub('ie-op1-b', 'The orbital parameters of their space objects;'),
          sub('ie-op1-c', 'Planned activities that could affect the space objects of other States, in particular:', [
            ['ie-op1-c-i', 'Manoeuvres in proximity to other space objects;'],
            ['ie-op1-c-ii', 'Re-entries of space objects posing a risk to ⟨affected areas⟩.'],
          ]),
        ],
      ),
    ],
  ),
};
