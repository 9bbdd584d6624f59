import { describe, expect, it } from 'vitest';
import { classifyContentType } from '../../../src/relay/core/classify-content-type';

describe('classifyContentType', () => {
  it.each([
    ['application/json', 'json'],
    ['Application/JSON', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/json;charset="UTF-8"', 'json'],
    ['application/json; charset=utf8', 'json'],
    ['  application/json  ; foo=bar', 'json'],
    ['text/plain;charset=UTF-8', 'text'],
    ['TEXT/PLAIN', 'text'],
  ] as const)('reads %j as %s', (header, kind) => {
    expect(classifyContentType(header)).toBe(kind);
  });

  it.each([
    null,
    '',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=abc',
    'application/json-patch+json',
    'application/jsonp',
    'text/html',
    'text/plain-ish',
    'application/json; charset=latin1',
    'text/plain; charset=utf-16',
    '*/*',
  ])('refuses %j', (header) => {
    expect(classifyContentType(header)).toBeUndefined();
  });
});
