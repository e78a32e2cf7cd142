/** The demo feeds as FeedTray feed settings, ready to add on first run or in the self-test. */

import type { FeedConfigInput } from '../shared/feed.ts';
import { ALERT_SEVERITIES } from './alerts.ts';

/** Settings for the three demo feeds served at `baseUrl` (the demo server's `url`). */
export function demoFeedConfigs(baseUrl: string): FeedConfigInput[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    {
      id: 'demo-news',
      name: 'Demo news',
      url: `${base}/news`,
      mapping: { title: '/title', body: '/body', link: '/link' },
    },
    {
      id: 'demo-alerts',
      name: 'Demo alerts',
      url: `${base}/alerts`,
      // Alerts arrive as named events, so the default (`message` only) would hear none of them.
      eventTypes: [...ALERT_SEVERITIES],
      // info / warning / critical are words the built-in severity table knows (low, high, urgent).
      mapping: { title: '/title', body: '/body', severity: '/severity' },
    },
    {
      id: 'demo-rates',
      name: 'Demo rates',
      url: `${base}/rates`,
      mapping: { title: '/pair', value: '/rate' },
      // Several quotes a second belong in the chart, not in notifications.
      notify: { enabled: false },
    },
  ];
}
