import { describe, expect, it } from 'vitest';
import type { TraySnapshot } from '../../../src/main/core/index.ts';
import { trayLabels } from '../../../src/main/platform/tray-labels.ts';
import { uiLanguage as trayLanguage } from '../../../src/shared/presentation/notification-text.ts';
import { trayMenuModel, type TrayMenuEntry } from '../../../src/main/platform/tray-model.ts';
import type { FeedEvent, FeedStatus, ReasonCode } from '../../../src/shared/feed.ts';

const en = trayLabels('en');
const zh = trayLabels('zh-CN');

function status(
  feedId: string,
  state: FeedStatus['state'],
  code: ReasonCode,
  httpStatus?: number,
): FeedStatus {
  return {
    feedId,
    state,
    reason: { code, message: code, ...(httpStatus === undefined ? {} : { httpStatus }) },
    attempt: state === 'open' ? 0 : 1,
    nextRetryAt: null,
    lastEventAt: null,
    eventsReceived: 0,
    warning: null,
  };
}

function event(feedId: string, n: number, fields: Partial<FeedEvent> = {}): FeedEvent {
  return {
    feedId,
    type: 'message',
    id: String(n),
    data: '',
    receivedAt: n,
    key: `${feedId}:${n}`,
    title: `Event ${n}`,
    body: '',
    link: null,
    value: null,
    severity: 3,
    decision: null,
    ...fields,
  };
}

function snapshot(fields: Partial<TraySnapshot> = {}): TraySnapshot {
  return {
    problems: 0,
    urgentUnread: 0,
    doNotDisturbUntil: null,
    openIncidents: 0,
    now: 0,
    feeds: [
      { id: 'news', name: 'News', status: status('news', 'open', 'open'), unread: 0, snoozedUntil: null },
      { id: 'rates', name: 'Rates', status: status('rates', 'open', 'open'), unread: 0, snoozedUntil: null },
    ],
    recent: [],
    paused: false,
    doNotDisturb: false,
    totalUnread: 0,
    ...fields,
  };
}

const labels = (entries: TrayMenuEntry[]) => entries.map((e) => (e.kind === 'separator' ? '---' : e.label));

describe('trayMenuModel', () => {
  it('lists every feed with its status, then recent events, then the app actions, in English', () => {
    const model = trayMenuModel(snapshot(), en);
    expect(labels(model.entries)).toEqual([
      'Feeds',
      'News — connected',
      'Rates — connected',
      '---',
      'Recent events',
      'No events yet',
      '---',
      'Pause all feeds',
      'Snooze',
      'Do not disturb',
      'Do not disturb for',
      '---',
      'Open FeedTray',
      'Settings…',
      '---',
      'Quit FeedTray',
    ]);
    expect(model.icon).toBe('normal');
    expect(model.tooltip).toBe('FeedTray — no unread events');
    expect(model.entries[1]).toMatchObject({ kind: 'action', action: { type: 'open-feed', feedId: 'news' } });
  });

  it('speaks Simplified Chinese', () => {
    const model = trayMenuModel(
      snapshot({
        feeds: [
          {
            id: 'news',
            name: '新闻',
            status: status('news', 'connecting', 'needs-auth', 401),
            unread: 2,
            snoozedUntil: null,
          },
        ],
        totalUnread: 2,
        paused: true,
      }),
      zh,
    );
    expect(labels(model.entries)).toEqual([
      '订阅源',
      '新闻 — 需要登录（2 条未读）',
      '---',
      '最近事件',
      '还没有事件',
      '---',
      '全部标为已读',
      '全部恢复',
      '暂停通知',
      '勿扰模式',
      '勿扰模式时长',
      '---',
      '打开 FeedTray',
      '设置…',
      '---',
      '退出 FeedTray',
    ]);
    expect(model.tooltip).toBe('FeedTray — 2 条未读 — 已暂停 — 1 个订阅源出错');
  });

  it('shows unread counts in the feed lines and the tooltip, with the attention icon', () => {
    const base = snapshot();
    const model = trayMenuModel(
      {
        ...base,
        feeds: [{ ...base.feeds[0]!, unread: 3, snoozedUntil: null }, base.feeds[1]!],
        totalUnread: 3,
      },
      en,
    );
    expect(labels(model.entries)[1]).toBe('News — connected (3 unread)');
    expect(model.icon).toBe('attention');
    expect(model.tooltip).toBe('FeedTray — 3 unread');
  });

  it('picks the icon: paused over error over do-not-disturb over unread', () => {
    const failing = snapshot({
      feeds: [
        {
          id: 'a',
          name: 'A',
          status: status('a', 'connecting', 'http-status', 503),
          unread: 1,
          snoozedUntil: null,
        },
      ],
      totalUnread: 1,
    });
    expect(trayMenuModel(failing, en).icon).toBe('error');
    expect(labels(trayMenuModel(failing, en).entries)[1]).toBe('A — HTTP 503 (1 unread)');
    expect(trayMenuModel({ ...failing, doNotDisturb: true }, en).icon).toBe('error');
    expect(trayMenuModel({ ...failing, paused: true }, en).icon).toBe('paused');
    expect(trayMenuModel(snapshot({ doNotDisturb: true, totalUnread: 4 }), en).icon).toBe('dnd');
    expect(trayMenuModel(snapshot({ totalUnread: 4 }), en).icon).toBe('attention');
  });

  it('does not count connecting, offline, paused or turned-off feeds as failing', () => {
    for (const [state, code] of [
      ['connecting', 'starting'],
      ['closed', 'offline'],
      ['closed', 'paused'],
      ['closed', 'disabled'],
      ['connecting', 'server-closed'],
    ] as const) {
      const model = trayMenuModel(
        snapshot({
          feeds: [{ id: 'a', name: 'A', status: status('a', state, code), unread: 0, snoozedUntil: null }],
        }),
        en,
      );
      expect(model.icon, `${state}/${code}`).toBe('normal');
    }
    const offline = snapshot({
      feeds: [
        { id: 'a', name: 'A', status: status('a', 'closed', 'offline'), unread: 0, snoozedUntil: null },
      ],
    });
    expect(labels(trayMenuModel(offline, en).entries)[1]).toBe('A — offline');
  });

  it('lists the last five events; a click opens the link, or the event when it has none', () => {
    const recent = [
      event('news', 7, { title: 'Breaking:\n  line two', link: 'https://example.com/7' }),
      event('rates', 6, { title: '', body: 'USD/CNY 7.18' }),
      event('news', 5),
      event('news', 4),
      event('news', 3),
      event('news', 2),
    ];
    const model = trayMenuModel(snapshot({ recent }), en);
    const items = model.entries.slice(4, 10);
    expect(labels(items)).toEqual([
      'Recent events',
      'News: Breaking: line two',
      'Rates: USD/CNY 7.18',
      'News: Event 5',
      'News: Event 4',
      'News: Event 3',
    ]);
    expect(items[1]).toMatchObject({ action: { type: 'open-link', url: 'https://example.com/7' } });
    expect(items[2]).toMatchObject({ action: { type: 'open-event', feedId: 'rates', eventKey: 'rates:6' } });
  });

  it('clips long titles to one short line', () => {
    const model = trayMenuModel(snapshot({ recent: [event('news', 1, { title: 'x'.repeat(500) })] }), en);
    const label = labels(model.entries)[5]!;
    expect(label.length).toBeLessThanOrEqual(60);
    expect(label.endsWith('…')).toBe(true);
  });

  it('offers Resume when paused, and the do-not-disturb checkbox toggles the manual switch', () => {
    const paused = trayMenuModel(snapshot({ paused: true }), en);
    expect(paused.entries).toContainEqual({
      kind: 'action',
      label: 'Resume all feeds',
      action: { type: 'set-paused', paused: false },
    });
    const dnd = trayMenuModel(snapshot({ doNotDisturb: true }), en);
    expect(dnd.entries).toContainEqual({
      kind: 'checkbox',
      label: 'Do not disturb',
      checked: true,
      action: { type: 'set-do-not-disturb', manual: false },
    });
    expect(dnd.tooltip).toBe('FeedTray — no unread events — do not disturb');
  });

  it('snoozes per feed from a submenu, says until when, and offers resume for a snoozed feed', () => {
    const now = new Date(2026, 2, 10, 12, 0).getTime();
    const base = snapshot({ now });
    const model = trayMenuModel(
      {
        ...base,
        feeds: [{ ...base.feeds[0]!, snoozedUntil: new Date(2026, 2, 10, 14, 30).getTime() }, base.feeds[1]!],
      },
      en,
    );
    expect(labels(model.entries)[1]).toBe('News — connected, snoozed until 14:30');
    const snooze = model.entries.find((entry) => entry.kind === 'submenu' && entry.label === 'Snooze');
    expect(snooze).toEqual({
      kind: 'submenu',
      label: 'Snooze',
      entries: [
        {
          kind: 'submenu',
          label: 'News',
          entries: [
            {
              kind: 'action',
              label: 'Resume notifications',
              action: { type: 'snooze', feedId: 'news', choice: 'resume' },
            },
          ],
        },
        {
          kind: 'submenu',
          label: 'Rates',
          entries: [
            {
              kind: 'action',
              label: 'For 1 hour',
              action: { type: 'snooze', feedId: 'rates', choice: '1h' },
            },
            {
              kind: 'action',
              label: 'For 4 hours',
              action: { type: 'snooze', feedId: 'rates', choice: '4h' },
            },
            {
              kind: 'action',
              label: 'Until tomorrow 09:00',
              action: { type: 'snooze', feedId: 'rates', choice: 'tomorrow' },
            },
            {
              kind: 'action',
              label: 'Until I resume',
              action: { type: 'snooze', feedId: 'rates', choice: 'manual' },
            },
          ],
        },
      ],
    });
  });

  it('offers do-not-disturb for a while, says until when, and marks all read when there is unread', () => {
    const now = new Date(2026, 2, 10, 12, 0).getTime();
    const quiet = trayMenuModel(
      snapshot({
        now,
        doNotDisturb: true,
        doNotDisturbUntil: new Date(2026, 2, 11, 9).getTime(),
        totalUnread: 2,
      }),
      en,
    );
    expect(labels(quiet.entries)).toContain('Do not disturb until Wed 09:00');
    expect(quiet.entries).toContainEqual({
      kind: 'action',
      label: 'Mark all read',
      action: { type: 'mark-all-read' },
    });
    const forWhile = quiet.entries.find(
      (entry) => entry.kind === 'submenu' && entry.label === 'Do not disturb for',
    );
    expect(
      forWhile?.kind === 'submenu' &&
        forWhile.entries.map((entry) => entry.kind === 'action' && entry.action),
    ).toEqual([
      { type: 'quiet', choice: '1h' },
      { type: 'quiet', choice: '4h' },
      { type: 'quiet', choice: 'tomorrow' },
    ]);
    expect(quiet.unread).toBe(2);
  });

  it('points at open incidents, in both languages, and says nothing of them when there are none', () => {
    const entry = { kind: 'action', label: '2 open incidents…', action: { type: 'open-incidents' } };
    expect(trayMenuModel(snapshot({ openIncidents: 2 }), en).entries).toContainEqual(entry);
    expect(labels(trayMenuModel(snapshot({ openIncidents: 1 }), en).entries)).toContain('1 open incident…');
    expect(labels(trayMenuModel(snapshot({ openIncidents: 3 }), zh).entries)).toContain('3 个未解决的故障…');
    expect(
      trayMenuModel(snapshot(), en).entries.some(
        (item) => item.kind === 'action' && item.action.type === 'open-incidents',
      ),
    ).toBe(false);
  });

  it('says so when there are no feeds', () => {
    expect(labels(trayMenuModel(snapshot({ feeds: [] }), en).entries).slice(0, 2)).toEqual([
      'Feeds',
      'No feeds yet',
    ]);
  });
});

describe('trayLanguage', () => {
  it('follows the preference, or the first system language for "system"', () => {
    expect(trayLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(trayLanguage('en', ['zh-CN'])).toBe('en');
    expect(trayLanguage('system', ['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(trayLanguage('system', ['de-DE', 'zh-CN'])).toBe('en');
    expect(trayLanguage('system', [])).toBe('en');
  });
});
