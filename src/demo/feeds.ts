/** The demo feeds as FeedTray feed settings, ready to add on first run or in the self-test. */

import type { FeedConfigInput } from '../shared/feed.ts';
import type { Rule } from '../shared/rules/schema.ts';
import { ALERT_SEVERITIES } from './alerts.ts';
import { DEMO_CROSSING } from './rates.ts';

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
      // An incident's repeats update its one notification and its resolution closes it.
      incident: {
        key: '/alert_id',
        resolvedWhen: { match: 'all', conditions: [{ op: 'equals', field: '/status', value: 'resolved' }] },
      },
      // Relative, so it follows the feed when the embedded demo moves to another port.
      actions: [{ id: 'ack', label: 'Acknowledge', method: 'POST', url: '/alerts/{/alert_id}/ack' }],
    },
    {
      id: 'demo-rates',
      name: 'Demo rates',
      url: `${base}/rates`,
      mapping: { title: '/pair', value: '/rate' },
      // Several quotes a second belong in the chart; only a crossing of the rules' level notifies.
      rules: rateRules(),
    },
  ];
}

/** USD/CNY crossing its level, either way, notifies; every other tick is quiet. */
function rateRules(): Rule[] {
  const { pair, level } = DEMO_CROSSING;
  const crossing = (direction: 'above' | 'below'): Rule => ({
    name: `${pair} crosses ${direction} ${level}`,
    enabled: true,
    match: 'all',
    conditions: [
      { op: 'equals', field: '/pair', value: pair },
      {
        op: direction === 'above' ? 'crossesAbove' : 'crossesBelow',
        field: '/rate',
        level,
        per: '/pair',
        // The walk has momentum (rates.ts), so a crossing does not flap: no re-arm distance needed.
        rearm: 0,
      },
    ],
    outcome: { kind: 'notify', severity: 3 },
    message: `{/pair} crossed ${direction} ${level}: {/rate}`,
  });
  return [
    crossing('above'),
    crossing('below'),
    {
      name: 'Other ticks quiet',
      enabled: true,
      match: 'all',
      conditions: [],
      outcome: { kind: 'quiet' },
      message: null,
    },
  ];
}
