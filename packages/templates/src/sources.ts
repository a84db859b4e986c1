import type { TemplateSource } from './types.js';

/** The UNIDIR 2022 webinar report: Panel 6 gives the working guideline behind the tags. */
export const UNIDIR_REPORT: TemplateSource = {
  title:
    'Advancing Space Security Through Norms, Rules and Principles of Responsible Behaviour? Webinar summary report (UNIDIR, Secure World Foundation, Republic of Korea, 2022)',
  file: 'unidir-2022-norms-webinar-report.txt',
};

/** The Canadian round-table summary on outer space security. */
export const ROUNDTABLE_SUMMARY: TemplateSource = {
  title: 'Summary of a Canadian round-table on outer space security',
  file: 'outer-space-roundtable-summary.txt',
};

/** Committee testimony on Canada's space diplomacy (working groups, consensus reports). */
export const COMMITTEE_TESTIMONY: TemplateSource = {
  title: "Committee testimony on Canada's space diplomacy",
  file: 'canada-committee-testimony.txt',
};

/** General Assembly resolution 76/231, which set up the Open-ended Working Group. */
export const RES_76_231: TemplateSource = { title: 'General Assembly resolution 76/231' };

/** The Outer Space Treaty, by its full title. */
export const OUTER_SPACE_TREATY: TemplateSource = {
  title:
    'Treaty on Principles Governing the Activities of States in the Exploration and Use of Outer Space, including the Moon and Other Celestial Bodies',
};

/** The COPUOS long-term sustainability guidelines. */
export const LTS_GUIDELINES: TemplateSource = {
  title:
    'Guidelines for the Long-term Sustainability of Outer Space Activities (Committee on the Peaceful Uses of Outer Space)',
};

/** The COPUOS space debris mitigation guidelines. */
export const DEBRIS_GUIDELINES: TemplateSource = {
  title: 'Space Debris Mitigation Guidelines of the Committee on the Peaceful Uses of Outer Space',
};

/** The maritime code the report names as a model for a protocol for unplanned encounters. */
export const CUES: TemplateSource = { title: 'Code for Unplanned Encounters at Sea' };
