/** English for action buttons in the event detail and the editor's Actions section: part of `en`. */
export const enActions = {
  'actions.title': 'Actions',
  'actions.sendsTo': 'Sends a request to {host}',
  'actions.opens': 'Opens {host} in the browser',
  'actions.resultDone': '{label}: Acknowledged · {time}',
  'actions.resultOpened': '{label}: Opened · {time}',
  'actions.resultFailed': '{label}: {message} · {time}',
  'actions.loadFailed': 'Could not load the actions of this event',
  'actions.runFailed': 'Could not run the action',
  'editor.actions': 'Action buttons',
  'editor.actionsHint':
    'Buttons on this feed’s notifications and events, such as “Acknowledge”. A press sends one request with this feed’s headers and secrets, only to its own server unless you allow one other host.',
  'editor.error.actionsList': 'Actions: {message}',
  'actions.add': 'Add action',
  'actions.none': 'No buttons yet.',
  'actions.row': 'Action {n}',
  'actions.label': 'Label',
  'actions.labelPlaceholder': 'Acknowledge',
  'actions.method': 'Method',
  'actions.url': 'Address',
  'actions.urlHint':
    'A relative address like /alerts/{/alert_id}/ack stays on this feed’s server. {…} fills in a field of the event: a JSON pointer like {/alert_id}, or {title}, {id}, {value}.',
  'actions.body': 'Body',
  'actions.bodyHint':
    'Sent as written, with {…} filled in (escaped for JSON when the content type is JSON). Write {{ and }} for a literal brace: {{"ack": true}}.',
  'actions.urlPlaceholder': '/alerts/{/alert_id}/ack',
  'actions.bodyPlaceholder': '{{"by": "feedtray", "title": "{title}"}}',
  'actions.allowHostPlaceholder': 'hooks.example.com',
  'actions.contentType': 'Content type',
  'actions.allowHost': 'Also allowed host (optional)',
  'actions.allowHostHint':
    'One other host this button may call, like hooks.example.com. This feed’s headers and secrets go there too.',
  'actions.moveUp': 'Move action {n} up',
  'actions.moveDown': 'Move action {n} down',
  'actions.remove': 'Remove action {n}',
  'actions.preview.label': 'What the first button would send',
  'actions.preview.unsaved':
    'Once this feed is saved and has received an event, this shows what the first button would send for it.',
  'actions.preview.loading': 'Looking for the newest event…',
  'actions.preview.failed': 'Could not read the newest event of this feed.',
  'actions.preview.noEvent':
    'No event of this feed is stored yet: once one arrives, this shows what the first button would send for it.',
  'actions.preview.invalid': 'Finish the first action above to see what it would send.',
  'actions.preview.event': 'For the newest event, “{title}” ({time}):',
  'actions.preview.sends': '“{label}” would send',
  'actions.preview.refused': '“{label}” would send nothing:',
  'actions.preview.withHeaders':
    'With this feed’s headers and secrets (not shown). Nothing is sent from here.',
  'actions.error.label': 'Give the button a label, like Acknowledge.',
  'actions.error.labelLong': 'A label has at most 40 characters.',
  'actions.error.url': 'Give the address the button calls, like /alerts/{/alert_id}/ack.',
  'actions.error.unknownField':
    'An event has no field {field}. Use a JSON pointer like {/alert_id} or one of {fields}; write {{ and }} for a literal brace.',
  'actions.error.templateLong': 'At most 2,000 characters.',
  'actions.error.contentType': 'Not a content type: write one like application/json or text/plain.',
  'actions.error.allowHost':
    'Only a host name, like hooks.example.com or hooks.example.com:8443: no https:// and no path.',
} as const;
