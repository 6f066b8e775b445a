import * as z from 'zod/mini';

// The rule for free text a customer types and others read: a name on a parcel label, an address
// line a carrier prints, a city. Every such field of an order request is held to it here.
//
// - One line, no control characters: Unicode Cc (NUL, TAB, CR, LF, ESC, DEL, the C1 range) and the
//   line and paragraph separators (U+2028, U+2029) would break a label, a CSV export or a log line.
// - No bidi embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069): they reorder the
//   text around them, so a line can display otherwise than it is stored ("Trojan Source",
//   CVE-2021-42574), and an unclosed one reorders whatever is printed after it. The marks that
//   only hint a direction (LRM, RLM, ALM) are allowed: mixed Hebrew or Arabic text needs them.
// - Other format characters (Unicode Cf) are allowed *inside* the text: the zero-width joiner and
//   non-joiner are part of how Persian, Indic scripts and emoji sequences are written, and the
//   zero-width space separates Thai or Khmer words. Alone they show nothing, so the test is "only
//   invisible characters", not "contains one": the text must hold a visible character, that is a
//   letter, digit, punctuation or symbol that is not default-ignorable (U+3164 HANGUL FILLER is a
//   letter that renders as nothing). Spaces and combining marks alone do not count either.
// - No unpaired surrogate ("\ud800" in JSON): that is not Unicode text and has no UTF-8 form.

/**
 * The rule's Unicode classes. Building them reads V8's Unicode property tables (~1 ms the first
 * time), which Latin-1 text never needs: they are built the first time text beyond it comes.
 */
const buildUnicodeClasses = () => ({
  controlOrLineBreak: /[\p{Cc}\p{Zl}\p{Zp}]/u,
  bidiControl: /[\u202A-\u202E\u2066-\u2069]/u,
  /** With the u flag a surrogate matches only when unpaired. */
  loneSurrogate: /\p{Cs}/u,
  defaultIgnorable: /\p{Default_Ignorable_Code_Point}/gu,
  visible: /[\p{L}\p{N}\p{P}\p{S}]/u,
});
let unicodeClasses: ReturnType<typeof buildUnicodeClasses> | undefined;

/**
 * Latin-1 without its controls (C0, DEL, C1), where the rule is simpler: nothing in it is a line
 * break, a bidi control or a surrogate, and every character is visible but the spaces (U+0020,
 * U+00A0) and the soft hyphen (U+00AD, default-ignorable).
 */
const LATIN_1_TEXT = /^[\u0020-\u007E\u00A0-\u00FF]*$/;
const LATIN_1_VISIBLE = /[^\u0020\u00A0\u00AD]/;

/** What is wrong with the text under the rule above, or undefined when nothing is. */
export const visibleTextProblem = (text: string): string | undefined => {
  if (LATIN_1_TEXT.test(text)) return LATIN_1_VISIBLE.test(text) ? undefined : 'Must contain a visible character';
  const { controlOrLineBreak, bidiControl, loneSurrogate, defaultIgnorable, visible } = (unicodeClasses ??=
    buildUnicodeClasses());
  if (controlOrLineBreak.test(text)) return 'Must not contain control characters or line breaks';
  if (bidiControl.test(text)) return 'Must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)';
  if (loneSurrogate.test(text)) return 'Must not contain an unpaired surrogate';
  if (!visible.test(text.replace(defaultIgnorable, ''))) return 'Must contain a visible character';
  return undefined;
};

/**
 * The rule as a zod check, beside a field's own length checks. An empty string is left to the
 * field's minLength, so an empty field gets one message, not two.
 */
export const visibleText = () =>
  z.superRefine((text: string, context) => {
    const problem = text === '' ? undefined : visibleTextProblem(text);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem, input: text });
  });

/** The rule as the API documents it on each field it applies to. */
export const VISIBLE_TEXT_RULE =
  'At least one visible character; no control characters, line breaks or bidirectional controls.';

/** A trimmed line of free text of 1 to `max` characters, held to the rule above. */
export const freeText = (max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(1), z.maxLength(max), visibleText())
    .register(z.globalRegistry, { description: VISIBLE_TEXT_RULE });
