import { BUILTIN_WORKFLOWS, RESERVED_EVENTS } from '@layanan/workflow';
import { enMessages } from './en';
import { idMessages } from './id';

/** Every event type a case log can hold: intake and operational ones, and every built-in workflow's transitions. */
const EVENT_TYPES = [
  ...new Set([
    ...RESERVED_EVENTS,
    ...BUILTIN_WORKFLOWS.flatMap((def) => Object.values(def.states).flatMap((s) => Object.keys(s.on ?? {}))),
  ]),
].sort();

describe('timeline labels', () => {
  it('knows the event types it is checked against', () => {
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(['SUBMIT', 'ESCALATE', 'CHECK_DOCUMENT', 'APPROVE', 'ISSUE', 'INSPECT', 'SIGN']));
  });

  it.each([
    ['id', idMessages.lt.event],
    ['en', enMessages.lt.event],
  ])('names every event type in %s (never a raw ESCALATE)', (_lang, labels) => {
    const table = labels as Record<string, string>;
    const missing = EVENT_TYPES.filter((type) => typeof table[type] !== 'string' || table[type].trim() === '' || table[type] === type);
    expect(missing).toEqual([]);
  });

  it('labels differ between the languages, so neither is a copy of the other', () => {
    const id = idMessages.lt.event as Record<string, string>;
    const en = enMessages.lt.event as Record<string, string>;
    expect(EVENT_TYPES.filter((type) => id[type] === en[type])).toEqual([]);
  });
});
