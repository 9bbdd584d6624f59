import { afterEach, describe, expect, it, vi } from 'vitest';
import { findCompanionScript } from '../../src/browser/find-companion-script';

afterEach(() => {
  vi.restoreAllMocks();
  document.head.innerHTML = '';
});

describe('findCompanionScript', () => {
  it('answers document.currentScript while a classic script runs (also defer and async)', () => {
    const own = document.createElement('script');
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(own);
    expect(findCompanionScript(document)).toBe(own);
  });

  it('finds its tag by src when there is no currentScript (type=module, tag managers)', () => {
    document.head.innerHTML = `<script type="text/plain" src="/js/app.js"></script>
      <script type="text/plain" data-bot-id="b" src="https://cdn.example.net/npm/flowmatix-leads@1/dist/flowmatix-leads.js?v=2#x"></script>
      <script type="text/plain" src="/flowmatix-leads.json"></script>`;
    expect(findCompanionScript(document)!.getAttribute('data-bot-id')).toBe('b');
  });

  it('accepts a minified file name and picks the last matching tag', () => {
    document.head.innerHTML = `<script type="text/plain" id="a" src="/flowmatix-leads.js"></script>
      <script type="text/plain" id="b" src="/static/flowmatix-leads.min.js"></script>`;
    expect(findCompanionScript(document)!.id).toBe('b');
  });

  it('answers null when the companion was bundled', () => {
    document.head.innerHTML = `<script type="text/plain" src="/assets/index-3f2a.js"></script>`;
    expect(findCompanionScript(document)).toBeNull();
  });
});
