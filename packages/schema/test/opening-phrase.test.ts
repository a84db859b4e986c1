import { describe, expect, it } from 'vitest';
import { openingPhraseLength } from '../src/opening-phrase.js';

function phrase(text: string, part: 'pp' | 'op'): string {
  return text.slice(0, openingPhraseLength(text, part));
}

describe('openingPhraseLength', () => {
  it('takes the whole preambular opener, adverbs and completions included', () => {
    expect(phrase('Taking note of the report of the Group,', 'pp')).toBe('Taking note');
    expect(phrase('Deeply concerned about the creation of debris,', 'pp')).toBe('Deeply concerned');
    expect(phrase('Noting with deep concern the risk,', 'pp')).toBe('Noting with deep concern');
    expect(phrase('Bearing in mind the Charter,', 'pp')).toBe('Bearing in mind');
    expect(phrase('Having considered the report,', 'pp')).toBe('Having considered');
    expect(phrase('Recognizing also that norms reduce risk,', 'pp')).toBe('Recognizing also');
    expect(phrase('Mindful of the interests of all States,', 'pp')).toBe('Mindful');
    expect(phrase('Recalling ⟨previous resolutions⟩,', 'pp')).toBe('Recalling');
  });

  it('takes the operative verb with its particle', () => {
    expect(phrase('Calls upon all States to refrain,', 'op')).toBe('Calls upon');
    expect(phrase('Also strongly urges States to notify;', 'op')).toBe('Also strongly urges');
    expect(phrase('Takes note with appreciation of the report;', 'op')).toBe('Takes note with appreciation');
    expect(phrase('Requests the Secretary-General to report;', 'op')).toBe('Requests');
    expect(phrase('  Welcomes the report;', 'op')).toBe('  Welcomes');
  });

  it('stops at punctuation inside the phrase', () => {
    expect(phrase('Recalling, also, the Charter,', 'pp')).toBe('Recalling');
  });

  it('finds no phrase where the clause does not open with one', () => {
    expect(openingPhraseLength('States should refrain;', 'op')).toBe(0);
    expect(openingPhraseLength('⟨State⟩ notes;', 'op')).toBe(0);
    expect(openingPhraseLength('', 'pp')).toBe(0);
    expect(openingPhraseLength('The report,', 'pp')).toBe(0);
  });
});
