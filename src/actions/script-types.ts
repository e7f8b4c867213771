/**
 * The script media types of Studio, as a script's `mediaType` spells them,
 * and as the vendor's pages name them ("Work Item" with a space). A script's
 * type is chosen when it is created and must match the routing it handles
 * (https://help.incontact.com/Content/Studio/Scripting/Scripts.htm); each
 * action's page lists the types it supports under Supported Script Types.
 */
export const scriptTypes = ['Generic', 'Email', 'Chat', 'Phone', 'Voicemail', 'WorkItem', 'SMS', 'Digital'] as const;

export type ScriptType = (typeof scriptTypes)[number];

/** Every script type: for the actions whose pages list all eight icons. */
export const anyScriptType: readonly ScriptType[] = scriptTypes;

/** Every script type but Digital: the pages that list the seven ACD types (Digital scripts have their own actions). */
export const acdScriptTypes: readonly ScriptType[] = scriptTypes.filter((type) => type !== 'Digital');

/** The vendor's name of a script type, as its page shows it under Supported Script Types. */
export function vendorScriptTypeName(type: string): string {
  return type === 'WorkItem' ? 'Work Item' : type;
}

/** Whether `value` is a script type as `mediaType` spells it. */
export function isScriptType(value: unknown): value is ScriptType {
  return typeof value === 'string' && (scriptTypes as readonly string[]).includes(value);
}

/** The script types an action works in, by the vendor's names: "all", or the list. */
export function describeScriptTypes(types: readonly string[]): string {
  const names = types.map(vendorScriptTypeName);
  if (scriptTypes.every((type) => types.includes(type))) return `all (${names.join(', ')})`;
  return names.length === 1 ? `${names[0] as string} only` : names.join(', ');
}
