import { draft, op, pp, sub } from './build.js';
import { DEBRIS_GUIDELINES, LTS_GUIDELINES, OUTER_SPACE_TREATY, UNIDIR_REPORT } from './sources.js';
import type { Template } from './types.js';

/** Safe rendezvous and proximity operations: respect the security of others. */
export const rendezvousProximity: Template = {
  id: 'rendezvous-proximity',
  title: 'Safe rendezvous and proximity operations',
  summary: 'Consent, separation distances and notification for operations close to the space objects of other States.',
  kind: 'norm',
  tags: ['respect-security', 'avoid-surprise', 'avoid-miscalculation'],
  sources: [UNIDIR_REPORT, LTS_GUIDELINES],
  content: draft(
    [
      pp(
        'rp-pp1',
        'Noting that rendezvous and proximity operations conducted without the knowledge of the operator of the other space object can be perceived as threatening,',
        ['avoid-miscalculation'],
      ),
    ],
    [
      op(
        'rp-op1',
        'Calls upon States to refrain from rendezvous and proximity operations with a space object under the jurisdiction of another State without the prior consent of that State;',
        ['respect-security'],
      ),
      op(
        'rp-op2',
        'Also calls upon States conducting rendezvous and proximity operations:',
        ['respect-security', 'avoid-surprise'],
        [
          sub(
            'rp-op2-a',
            'To keep a separation distance of not less than ⟨distance in kilometres⟩ from the space objects of other States unless otherwise agreed;',
          ),
          sub(
            'rp-op2-b',
            'To notify the State of registry of the other space object before approaching within that distance;',
          ),
          sub('rp-op2-c', 'To share enough information on the operation for its purpose to be understood;'),
        ],
      ),
      op(
        'rp-op3',
        'Encourages States to develop common technical standards for the safe conduct of rendezvous and proximity operations, drawing on industry best practices.',
        ['avoid-miscalculation'],
      ),
    ],
  ),
};

/** No destructive direct-ascent anti-satellite tests, and debris mitigation: no debris. */
export const noAsatTests: Template = {
  id: 'no-da-asat-tests',
  title: 'No destructive direct-ascent anti-satellite missile tests; debris mitigation',
  summary: 'A commitment not to conduct destructive DA-ASAT missile tests, and to mitigate space debris.',
  kind: 'norm',
  tags: ['no-debris', 'respect-security'],
  sources: [UNIDIR_REPORT, DEBRIS_GUIDELINES, LTS_GUIDELINES],
  content: draft(
    [
      pp(
        'asat-pp1',
        'Deeply concerned that destructive tests of direct-ascent anti-satellite missiles create long-lived debris that endangers the space objects of all States,',
        ['no-debris'],
      ),
    ],
    [
      op(
        'asat-op1',
        'Calls upon all States to commit not to conduct destructive direct-ascent anti-satellite missile tests;',
        ['no-debris', 'respect-security'],
      ),
      op(
        'asat-op2',
        'Urges States to refrain from any other deliberate destruction of space objects that generates long-lived debris;',
        ['no-debris'],
      ),
      op(
        'asat-op3',
        'Encourages States to implement space debris mitigation measures, including the removal of their space objects from ⟨orbital region⟩ within ⟨number of years⟩ years of the end of their mission.',
        ['no-debris'],
      ),
    ],
  ),
};

/** No actions that force others into collision-avoidance manoeuvres. */
export const noForcedManoeuvres: Template = {
  id: 'no-forced-manoeuvres',
  title: "No actions that force others' collision-avoidance manoeuvres",
  summary:
    'States refrain from activities that compel other operators to manoeuvre, and share the data that prevents it.',
  kind: 'norm',
  tags: ['no-forced-manoeuvres', 'avoid-surprise'],
  sources: [UNIDIR_REPORT, LTS_GUIDELINES],
  content: draft(
    [
      pp(
        'fm-pp1',
        'Recognizing that activities compelling other operators to perform collision-avoidance manoeuvres consume propellant, shorten mission lifetimes and create uncertainty,',
        ['no-forced-manoeuvres'],
      ),
    ],
    [
      op(
        'fm-op1',
        'Calls upon States to refrain from activities that require the space objects of other States to manoeuvre in order to reduce the potential for collision;',
        ['no-forced-manoeuvres'],
      ),
      op(
        'fm-op2',
        'Encourages States to share the orbital information of their space objects with ⟨recipients⟩ to support conjunction assessment;',
        ['no-forced-manoeuvres'],
      ),
      op(
        'fm-op3',
        'Requests States whose space object is predicted to pass within ⟨distance⟩ of a space object of another State to contact the operator concerned without delay.',
        ['avoid-surprise', 'no-forced-manoeuvres'],
      ),
    ],
  ),
};

/** No interference with the normal operation of space objects. */
export const noInterference: Template = {
  id: 'no-interference',
  title: 'No interference with the normal operation of space objects',
  summary:
    'States refrain from interfering with the space objects of others, report interference and seek consultations.',
  kind: 'norm',
  tags: ['no-interference', 'respect-security', 'avoid-miscalculation'],
  sources: [UNIDIR_REPORT, OUTER_SPACE_TREATY],
  content: draft(
    [
      pp(
        'ni-pp1',
        'Stressing that the normal operation of space objects supports essential services on which all societies depend,',
        ['no-interference'],
      ),
    ],
    [
      op(
        'ni-op1',
        'Calls upon States to refrain from any action that interferes with the normal operation of the space objects of other States, including harmful radio-frequency interference, dazzling and cyber operations;',
        ['no-interference', 'respect-security'],
      ),
      op(
        'ni-op2',
        'Also calls upon States experiencing interference with the normal operation of their space objects to report it to ⟨recipient⟩ and to seek consultations with the State concerned;',
        ['no-interference'],
      ),
      op(
        'ni-op3',
        'Affirms that interference with the normal operation of space objects increases the risk of misperception and escalation.',
        ['no-interference', 'avoid-miscalculation'],
      ),
    ],
  ),
};
