import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.ts';

/** The JSON Schema (draft-07) fragments the action files are written in. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  default?: unknown;
  examples?: readonly unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minProperties?: number;
  maxProperties?: number;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
}

/** How a property's string value is read. */
export type PropertyKind =
  /** Text with `{expression}` substitutions. */
  | 'template'
  /** A whole expression, without braces (If). */
  | 'expression'
  /** The name of a variable the action reads (Case). */
  | 'variableRead'
  /** The name of a variable the action writes (Assign, Capture, ...). */
  | 'variableWrite'
  /** A plain value (numbers, booleans). */
  | 'value';

export interface PropertySpec {
  kind: PropertyKind;
  schema: JsonSchema;
  required?: boolean;
}

export interface BranchSpec {
  name: string;
  description: string;
}

/** One action of a script after the schema check, with `next` folded into `branches.Default`. */
export interface ScriptAction {
  id: string;
  type: string;
  caption?: string;
  /** Property values as written (null prototype: ids and keys are data, never prototypes). */
  properties: Record<string, unknown>;
  /** Branch name to target id (null prototype). */
  branches: Record<string, string>;
}

/** What an action's own semantic check may use. */
export interface CheckContext {
  /** Whether a Begin-rooted path can reach the action before any OnAnswer has run. */
  reachableBeforeAnswer(actionId: string): boolean;
  report(path: readonly PathSegment[], fields: Pick<Diagnostic, 'code' | 'severity' | 'message'> & { hint?: string }, anchor?: 'key' | 'value'): void;
}

export type ActionCategory = 'Flow' | 'Prompts and input' | 'Data' | 'Routing' | 'Agent events' | 'Events' | 'Ending';

export interface ActionDefinition {
  type: string;
  category: ActionCategory;
  /** One line for tables and completion. */
  summary: string;
  /** A paragraph of help text: what the action does and how studio-sim runs it. */
  description: string;
  /** Event actions (OnAnswer, OnRelease) are entered when something happens, never through a branch. */
  event?: boolean;
  /** Actions with no branches at all (End). */
  terminal?: boolean;
  properties: Record<string, PropertySpec>;
  branches: BranchSpec[];
  /** Menu and Case: branches named after the value that selects them. */
  valueBranches?: { description: string; pattern?: string; examples: string[] };
  /** Variables the action always sets, whatever its properties say (OnAnswer's AgentId ...). */
  outputs?: string[];
  /** A minimal YAML example of the action, keyed by its id. */
  example: string;
  /** Checks the schema cannot express. */
  check?(action: ScriptAction, context: CheckContext): void;
}
