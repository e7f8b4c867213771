/** Variables the platform sets itself; a script may read them without assigning them. */
export const systemVariables: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'ANI', description: 'The caller\'s number.' },
  { name: 'DNIS', description: 'The number the caller dialled.' },
  { name: 'ContactId', description: 'The id of this contact.' },
  { name: 'MasterID', description: 'The master contact ID, shared by a contact and the scripts it spawns: a first contact\'s own ContactId, a spawned contact\'s parent\'s MasterID; RunScript keeps it.' },
  { name: 'MediaType', description: 'The script\'s media type (Phone, Chat, ...).' },
  { name: 'DigitsEntered', description: 'The last key or digits entered in a Menu or Capture.' },
  { name: 'AgentId', description: 'The answering agent\'s id, set by OnAnswer.' },
  { name: 'FIRST', description: 'The answering agent\'s first name, set by OnAnswer.' },
  { name: 'LAST', description: 'The answering agent\'s last name, set by OnAnswer.' },
  { name: 'SKLNAME', description: 'The skill the contact was answered on, set by OnAnswer.' },
];
