/** English for the Incidents tab: part of `en`. */
export const enIncidents = {
  'tabs.incidents': 'Incidents',
  'incidents.title': 'Incidents',
  'incidents.intro':
    'Events of a feed that share an incident key update one incident and one notification until an event resolves it. Set the key and “resolved when” in the feed’s editor.',
  'incidents.empty':
    'No incidents yet. Give a feed an incident key (such as /alert_id) and its alerts are grouped here, open ones first.',
  'incidents.summary': '{open} open · {total} shown',
  'incidents.listLabel': 'Incidents, open first',
  'incidents.open': 'Open',
  'incidents.resolved': 'Resolved',
  'incidents.count': '{n} events',
  'incidents.countOne': '1 event',
  'incidents.acted': '✓ {label} · {time}',
  'incidents.firstSeen': 'First seen',
  'incidents.lastSeen': 'last seen',
  'incidents.choose': 'Choose an incident to see its timeline.',
  'incidents.key': 'Key {key} · {feed}',
  'incidents.timelineLabel': 'The incident’s events, newest first',
  'incidents.noEvents': 'Its events are no longer kept in history.',
  'incidents.failed': 'Could not load the incidents',
  'incidents.timelineFailed': 'Could not load the incident’s timeline',
} as const;
