import { AddressSchema } from './address-schema';
import { fieldErrorsOf } from './validation';
import * as z from 'zod/mini';
import { freeText, VISIBLE_TEXT_RULE, visibleTextProblem } from './visible-text';

describe('free text a customer types', () => {
  it.each([
    ['a plain name', 'Ada Lovelace'],
    ['accents and other scripts', 'Zoë Ōkubo · Łódź · 東京都 · Москва'],
    ['Persian with a zero-width non-joiner inside a word', 'می\u200cخواهم'],
    ['Devanagari with a zero-width joiner', 'क्\u200dष'],
    ['an emoji ZWJ sequence', 'Family 👩\u200d👩\u200d👧'],
    ['Hebrew with a right-to-left mark before a number', 'רחוב הרצל\u200f 12'],
    ['punctuation only', '-'],
    ['a symbol only', '€'],
  ])('takes %s', (_, text) => {
    expect(visibleTextProblem(text)).toBeUndefined();
  });

  it.each([
    ['NUL', '\u0000'],
    ['a NUL inside a name', 'Ada\u0000Lovelace'],
    ['a line feed', 'Ada\nLovelace'],
    ['a carriage return', '12 Analytical Way\rBcc: x'],
    ['a tab', 'Ada\tLovelace'],
    ['DEL', 'Ada\u007f'],
    ['a C1 control (NEL)', 'Ada\u0085Lovelace'],
    ['a Unicode line separator', 'Ada\u2028Lovelace'],
    ['a paragraph separator', 'Ada\u2029Lovelace'],
  ])('refuses %s', (_, text) => {
    expect(visibleTextProblem(text)).toBe('Must not contain control characters or line breaks');
  });

  it.each([
    ['a right-to-left override', 'Invoice \u202etxt.exe'],
    ['a left-to-right embedding', '\u202aAda'],
    ['a pop directional formatting', 'Ada\u202c'],
    ['a first-strong isolate', 'Ada \u2068x\u2069'],
    ['a right-to-left isolate', '\u2067Ada'],
  ])('refuses %s, which reorders what is displayed', (_, text) => {
    expect(visibleTextProblem(text)).toBe(
      'Must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)',
    );
  });

  it('refuses an unpaired surrogate, which has no UTF-8 form, and takes a paired one', () => {
    expect(visibleTextProblem('Ada \ud800')).toBe('Must not contain an unpaired surrogate');
    expect(visibleTextProblem('Ada \udc00')).toBe('Must not contain an unpaired surrogate');
    expect(visibleTextProblem('Ada 😀')).toBeUndefined();
  });

  it.each([
    ['zero-width spaces', '\u200b\u200b'],
    ['a zero-width joiner', '\u200d'],
    ['a word joiner and a byte order mark', '\u2060\ufeff'],
    ['a left-to-right mark', '\u200e'],
    ['Hangul fillers, letters that render as nothing', '\u3164\u115f'],
    ['a soft hyphen', '\u00ad'],
    ['a combining accent with nothing to sit on', '\u0301'],
    ['no-break spaces', '\u00a0\u2007'],
  ])('refuses text made only of %s', (_, text) => {
    expect(visibleTextProblem(text)).toBe('Must contain a visible character');
  });

  it('judges every Latin-1 character, alone, in a name or between spaces, as the Unicode classes do', () => {
    // The rule as its Unicode classes state it, for every text: the Latin-1 shortcut must agree.
    const byUnicodeClasses = (text: string) => {
      if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(text)) return 'Must not contain control characters or line breaks';
      if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(text.replace(/\p{Default_Ignorable_Code_Point}/gu, ''))) {
        return 'Must contain a visible character';
      }
      return undefined;
    };
    for (let code = 0; code <= 0xff; code += 1) {
      const char = String.fromCharCode(code);
      for (const text of [char, `Zoë${char}`, ` ${char}\u00a0`]) {
        expect({ code, text, problem: visibleTextProblem(text) }).toEqual({
          code,
          text,
          problem: byUnicodeClasses(text),
        });
      }
    }
  });

  it('names the field that breaks the rule, once, and leaves an empty field to its length check', () => {
    const address = { name: 'Ada', line1: '12 Analytical Way', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
    const result = AddressSchema.safeParse({ ...address, name: '\u200b', line1: 'a\r\nb', city: '', line2: '\u202e' });

    expect(result.success || fieldErrorsOf(result.error)).toEqual([
      { path: '/name', message: 'Must contain a visible character' },
      { path: '/line1', message: 'Must not contain control characters or line breaks' },
      { path: '/line2', message: expect.stringMatching(/^Must not contain bidirectional control characters/) },
      { path: '/city', message: expect.stringMatching(/^Too small/) },
    ]);
  });

  it('carries the rule as its description, for the API document of every field it applies to', () => {
    expect(z.globalRegistry.get(freeText(80))).toEqual({ description: VISIBLE_TEXT_RULE });
  });

  it('trims before it judges, so surrounding spaces are dropped and a trailing newline with them', () => {
    expect(freeText(10).parse('  Ada\n')).toBe('Ada');
  });
});
