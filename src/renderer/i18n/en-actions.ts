/** English for action buttons in the event detail: part of `en`. */
export const enActions = {
  'actions.title': 'Actions',
  'actions.sendsTo': 'Sends a request to {host}',
  'actions.opens': 'Opens {host} in the browser',
  'actions.resultDone': '{label}: Acknowledged · {time}',
  'actions.resultOpened': '{label}: Opened · {time}',
  'actions.resultFailed': '{label}: {message} · {time}',
  'actions.loadFailed': 'Could not load the actions of this event',
  'actions.runFailed': 'Could not run the action',
} as const;
