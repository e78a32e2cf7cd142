import { describe, expect, it } from 'vitest';
import {
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_TITLE_MAX,
  notificationFor,
  summaryTitle,
  uiLanguage,
} from '../../../src/shared/presentation/notification-text.ts';
import { feedEvent } from '../../main/pipeline/make-event.ts';

describe('notificationFor', () => {
  it('names the feed before the event title, and opens the event or its link', () => {
    const event = feedEvent({
      feedId: 'rates',
      id: '7',
      title: 'USD/CNY 7.21',
      link: 'https://example.com/',
    });
    expect(notificationFor({ kind: 'event', event }, 'Rates')).toEqual({
      title: 'Rates: USD/CNY 7.21',
      body: '',
      feedId: 'rates',
      eventKey: 'rates:7',
      link: 'https://example.com/',
      severity: 3,
      urgency: 'normal',
      sticky: false,
      sound: 'os',
    });
  });

  it('does not repeat a feed name that is the whole title', () => {
    const event = feedEvent({ title: 'Rates' });
    expect(notificationFor({ kind: 'event', event }, 'Rates').title).toBe('Rates');
  });

  it('clips title and body with an ellipsis, never splitting a surrogate pair', () => {
    const event = feedEvent({ title: '😀'.repeat(100), body: 'b'.repeat(1000) });
    const shown = notificationFor({ kind: 'event', event }, 'News');
    expect(shown.title.length).toBeLessThanOrEqual(NOTIFICATION_TITLE_MAX);
    expect(shown.title.endsWith('…')).toBe(true);
    expect(shown.title.isWellFormed()).toBe(true);
    expect(shown.body).toHaveLength(NOTIFICATION_BODY_MAX);
  });

  it('shows a summary with its own title and no link, opening the newest event', () => {
    const latest = feedEvent({ feedId: 'rates', id: '12', link: 'https://example.com/' });
    const shown = notificationFor(
      { kind: 'summary', feedId: 'rates', title: '12 new from Rates', body: 'a\nb', latest, severity: 5 },
      'Rates',
    );
    expect(shown).toEqual({
      title: '12 new from Rates',
      body: 'a\nb',
      feedId: 'rates',
      eventKey: 'rates:12',
      link: null,
      severity: 5,
      urgency: 'critical',
      sticky: true,
      sound: 'alert',
    });
  });
});

describe('severity in the notification', () => {
  it('ranks by severity: min and low are low urgency, urgent is critical and stays until dismissed', () => {
    const at = (severity: 1 | 2 | 3 | 4 | 5) =>
      notificationFor({ kind: 'event', event: feedEvent({ severity }) }, 'Ops');
    expect([1, 2, 3, 4, 5].map((level) => at(level as 1).urgency)).toEqual([
      'low',
      'low',
      'normal',
      'normal',
      'critical',
    ]);
    expect(at(5).sticky).toBe(true);
    expect(at(4).sticky).toBe(false);
  });

  it('takes the sound of the event’s level from the feed’s table', () => {
    const sounds = { min: 'none', low: 'ping', default: 'os', high: 'chime', urgent: 'alert' } as const;
    const at = (severity: 1 | 2 | 3 | 4 | 5) =>
      notificationFor({ kind: 'event', event: feedEvent({ severity }) }, 'Ops', sounds).sound;
    expect([at(1), at(2), at(3), at(4), at(5)]).toEqual(['none', 'ping', 'os', 'chime', 'alert']);
  });
});

describe('summaryTitle and uiLanguage', () => {
  it('words a burst summary in the app language', () => {
    expect(summaryTitle('en')(12, 'Rates')).toBe('12 new from Rates');
    expect(summaryTitle('zh-CN')(12, '汇率')).toBe('汇率：12 条新消息');
  });

  it('follows the preference, or for system the first system language', () => {
    expect(uiLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(uiLanguage('system', ['zh-Hant-TW'])).toBe('zh-CN');
    expect(uiLanguage('system', [])).toBe('en');
  });
});
