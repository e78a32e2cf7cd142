import { describe, expect, it } from 'vitest';
import { findAddLink, makeAddLink, MAX_ADD_LINK_CHARS, parseAddLink } from '../../src/shared/add-link.ts';

describe('feedtray://add links', () => {
  it('round-trips an address, a name and a preset', () => {
    const link = makeAddLink({ url: 'https://ntfy.sh/alerts/sse', name: 'Alerts & more', preset: 'ntfy' });
    expect(link.startsWith('feedtray://add?')).toBe(true);
    expect(parseAddLink(link)).toEqual({
      url: 'https://ntfy.sh/alerts/sse',
      name: 'Alerts & more',
      preset: 'ntfy',
    });
  });

  it('never carries credentials: userinfo and credential parameters are dropped both ways', () => {
    const made = makeAddLink({
      url: 'https://me:pa55@ntfy.example/ops/sse?auth=abc&priority=4&api_key=k',
      name: 'Ops',
      preset: 'ntfy',
    });
    expect(made).not.toMatch(/pa55|abc|api_key|me%3A/);
    expect(parseAddLink(made)?.url).toBe('https://ntfy.example/ops/sse?priority=4');
    const crafted = `feedtray://add?url=${encodeURIComponent('https://u:p@h.example/f?token=t')}&headers=Authorization&enabled=true`;
    expect(parseAddLink(crafted)).toEqual({
      url: 'https://h.example/f',
      name: 'h.example',
      preset: 'generic',
    });
  });

  it.each([
    ['another scheme', 'https://add?url=https://x.example/'],
    ['another action', 'feedtray://remove?url=https://x.example/'],
    ['a path after the action', 'feedtray://add/extra?url=https://x.example/'],
    ['no address', 'feedtray://add?name=x'],
    ['a non-http address', `feedtray://add?url=${encodeURIComponent('file:///etc/passwd')}`],
    ['an unknown preset', 'feedtray://add?url=https://x.example/&preset=gotify'],
    ['not a URL', 'feedtray:add'],
    ['an absurd length', `feedtray://add?url=https://x.example/&name=${'a'.repeat(MAX_ADD_LINK_CHARS)}`],
  ])('refuses %s', (_what, text) => {
    expect(parseAddLink(text)).toBeNull();
  });

  it('cleans the name: control characters out, capped, the host when empty', () => {
    const link = `feedtray://add?url=https://x.example/f&name=${encodeURIComponent('a\u0000b\nc' + 'z'.repeat(200))}`;
    const name = parseAddLink(link)!.name;
    expect(name.startsWith('a b c')).toBe(true);
    expect(name).toHaveLength(100);
    expect(parseAddLink('feedtray://add?url=https://x.example/f&name=%20')!.name).toBe('x.example');
  });

  it('finds the link among process arguments', () => {
    expect(findAddLink(['/opt/FeedTray/feedtray', '--hidden'])).toBeNull();
    expect(
      findAddLink([
        'feedtray',
        'FEEDTRAY://add?url=https%3A%2F%2Fx.example%2F',
        'feedtray://add?url=https://y.example/',
      ]),
    ).toMatchObject({ url: 'https://x.example/' });
  });
});
