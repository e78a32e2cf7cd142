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
      { kind: 'summary', feedId: 'rates', title: '12 new from Rates', body: 'a\nb', latest },
      'Rates',
    );
    expect(shown).toEqual({
      title: '12 new from Rates',
      body: 'a\nb',
      feedId: 'rates',
      eventKey: 'rates:12',
      link: null,
    });
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
