import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { findVisitorUuid } from '../../src/browser/find-visitor-uuid';
import { isUuid } from '../../src/shared/is-uuid';

const VISITOR = '0f8fad5b-d9cb-469f-a165-70867728950e';
const decoy = (n: number) => `${n.toString(16).padStart(8, '0')}-1111-4111-8111-111111111111`;

/** A fresh, real Storage holding `entries`. */
const storageWith = (entries: Record<string, string>): Storage => {
  const storage = new (window as unknown as { Storage: new () => Storage }).Storage();
  for (const [key, value] of Object.entries(entries)) storage.setItem(key, value);
  return storage;
};

// Analytics, chat and shop scripts that keep UUIDs of their own in sessionStorage.
const DECOYS = {
  _ga: decoy(1),
  ajs_anonymous_id: JSON.stringify(decoy(2)),
  ajs_user_id: decoy(3),
  amplitude_unsent_abc: JSON.stringify([{ device_id: decoy(4) }]),
  mp_0a1b2c_mixpanel: JSON.stringify({ distinct_id: decoy(5), $device_id: decoy(6) }),
  _hjSessionUser_123: JSON.stringify({ id: decoy(7) }),
  'intercom-session-xyz': decoy(8),
  ph_phc_abc_posthog: JSON.stringify({ distinct_id: decoy(9) }),
  'segment-io': decoy(10),
  cart_token: decoy(11),
  'flowmatix-leads:outbox': JSON.stringify([{ key: decoy(12), draft: { uuid: decoy(13) } }]),
  theme: 'dark',
  counter: '42',
  'not-json': '{oops',
};

const find = (entries: Record<string, string>, key?: string) => findVisitorUuid(key, () => storageWith(entries));

describe('findVisitorUuid', () => {
  it('finds a plain UUID under a key it has never seen, among decoys', () => {
    expect(find({ ...DECOYS, 'wgt-7f3a': VISITOR })).toBe(VISITOR);
  });

  it('finds a UUID inside a JSON object under a key it has never seen, among decoys', () => {
    expect(find({ ...DECOYS, 'chat-state': JSON.stringify({ open: false, session: { uuid: VISITOR } }) })).toBe(
      VISITOR,
    );
    expect(find({ ...DECOYS, s: JSON.stringify({ a: { b: VISITOR } }) })).toBe(VISITOR);
  });

  it('prefers keys that name the widget, then keys that name a visitor, then properties that do', () => {
    const other = decoy(99);
    expect(find({ 'bp-web-session': JSON.stringify({ id: VISITOR }), visitor: other })).toBe(VISITOR);
    expect(find({ 'site-user': VISITOR, opaque: other })).toBe(VISITOR);
    expect(find({ a: JSON.stringify({ ref: other }), b: JSON.stringify({ visitorId: VISITOR }) })).toBe(VISITOR);
  });

  it('takes no guess when two unnamed UUIDs compete', () => {
    expect(find({ a: VISITOR, b: decoy(99) })).toBeUndefined();
    expect(find({ a: VISITOR, b: VISITOR })).toBe(VISITOR);
  });

  it('reads only the data-uuid-key entry when one is given, plain or JSON', () => {
    expect(find({ 'my-key': VISITOR, 'bp-uuid': decoy(1) }, 'my-key')).toBe(VISITOR);
    expect(find({ 'my-key': JSON.stringify({ v: { id: VISITOR } }) }, 'my-key')).toBe(VISITOR);
    expect(find({ 'bp-uuid': VISITOR }, 'my-key')).toBeUndefined();
  });

  it('answers undefined until the widget has created the UUID', () => {
    expect(find(DECOYS)).toBeUndefined();
    expect(find({})).toBeUndefined();
  });

  it('answers undefined when storage throws, on access or on read', () => {
    expect(
      findVisitorUuid(undefined, () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      }),
    ).toBeUndefined();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    } as unknown as Storage;
    expect(findVisitorUuid('k', () => broken)).toBeUndefined();
  });

  it('reads the page sessionStorage by default', () => {
    sessionStorage.setItem('bp-visitor', VISITOR);
    expect(findVisitorUuid()).toBe(VISITOR);
    sessionStorage.clear();
  });

  it('parses no value that holds nothing shaped like a UUID', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const cache = JSON.stringify({ items: [1, 2, 3] });
    expect(find({ 'app-cache': cache, 'bp-visitor': VISITOR })).toBe(VISITOR);
    expect(parse.mock.calls.map(([text]) => text)).not.toContain(cache);
    parse.mockRestore();
  });

  it("reads only the widget's key once the UUID was found there, and all keys again once it is gone", () => {
    const storage = storageWith({ ...DECOYS, 'bp-visitor': VISITOR, 'app-cache': JSON.stringify({ id: decoy(40) }) });
    expect(findVisitorUuid(undefined, () => storage)).toBe(VISITOR);
    const read = vi.spyOn(storage, 'getItem');
    expect(findVisitorUuid(undefined, () => storage)).toBe(VISITOR);
    expect(read.mock.calls).toEqual([['bp-visitor']]);

    storage.removeItem('bp-visitor');
    storage.setItem('flowmatix-session', JSON.stringify({ uuid: decoy(41) }));
    expect(findVisitorUuid(undefined, () => storage)).toBe(decoy(41));
  });

  const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));
  const stored = fc.oneof(
    fc.string(),
    json,
    fc.uuid().map((u) => u),
    fc.uuid().map((u) => JSON.stringify({ uuid: u })),
  );

  it('never throws, and answers a UUID that is stored, or undefined', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 12 }), stored, { maxKeys: 8 }),
        fc.option(fc.string(), { nil: undefined }),
        (entries, key) => {
          const result = find(entries, key);
          if (result === undefined) return;
          expect(isUuid(result)).toBe(true);
          expect(Object.values(entries).some((value) => value.includes(result))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the widget UUID under a key naming the widget whatever else is stored', () => {
    const otherKey = fc.string({ maxLength: 12 }).filter((key) => !/flowmatix|botpenguin|bp/i.test(key));
    fc.assert(
      fc.property(fc.dictionary(otherKey, stored, { maxKeys: 8 }), fc.uuid(), (entries, uuid) => {
        expect(find({ ...entries, 'flowmatix-widget': JSON.stringify({ visitor: { uuid } }) })).toBe(uuid);
      }),
      { numRuns: 300 },
    );
  });
});
