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
  'editor.actionsLabel': 'Actions (JSON)',
  'editor.actionsHint':
    'A list of buttons: id, label, method (POST), url ("/alerts/{/id}/ack"; {…} fills in a field of the event), body, contentType, allowHost. Sent with this feed\'s headers, only to its own server unless allowHost names another. Write {{ and }} for a literal brace.',
  'editor.error.actionsJson':
    'This is not JSON: write a list like [{ "id": "ack", "label": "Acknowledge", "url": "/ack" }]',
  'editor.error.actionsList': 'Actions: {message}',
  'editor.error.actionItem': 'Action {n}, {field}: {message}',
} as const;
