import { callsIn, variablesRead, type Expression, type Statement } from './ast.ts';

export interface Use {
  name: string;
  start: number;
}

/** What Snippet code reads, writes, declares and calls, for validation and lint. */
export interface SnippetFacts {
  /** Variables set: assignments, DYNAMIC, FOR/FOREACH variables, function parameters. */
  writes: Use[];
  /** Variables read by expressions (function parameters and loop variables included). */
  reads: Use[];
  /** Functions declared with FUNCTION, with their parameter counts. */
  functions: Array<{ name: string; params: number; start: number }>;
  calls: Array<{ name: string; args: number; start: number }>;
  /** Statements that follow a RETURN or BREAK in the same block, which never run. */
  unreachable: Use[];
}

/** Walks the statements without recursion: code may nest as deep as the parser allows. */
export function snippetFacts(program: readonly Statement[]): SnippetFacts {
  const facts: SnippetFacts = { writes: [], reads: [], functions: [], calls: [], unreachable: [] };
  const expression = (e: Expression) => {
    variablesRead(e, facts.reads);
    callsIn(e, facts.calls);
  };
  const blocks: Array<readonly Statement[]> = [program];
  let block: readonly Statement[] | undefined;
  while ((block = blocks.pop()) !== undefined) {
    let ended = false;
    for (const statement of block) {
      if (ended) {
        facts.unreachable.push({ name: statement.kind, start: statement.start });
        break;
      }
      switch (statement.kind) {
        case 'assign':
          facts.writes.push({ name: statement.target.name, start: statement.target.start });
          for (const segment of statement.target.path) if (segment.kind === 'index') expression(segment.index);
          expression(statement.value);
          break;
        case 'dynamic':
          facts.writes.push({ name: statement.name, start: statement.start });
          if (statement.value) expression(statement.value);
          break;
        case 'if':
          expression(statement.condition);
          blocks.push(statement.then);
          if (statement.else) blocks.push(statement.else);
          break;
        case 'for':
          if (statement.variable !== '') facts.writes.push({ name: statement.variable, start: statement.start });
          expression(statement.from);
          expression(statement.to);
          blocks.push(statement.body);
          break;
        case 'foreach':
          facts.writes.push({ name: statement.variable, start: statement.start });
          expression(statement.list);
          blocks.push(statement.body);
          break;
        case 'while':
          expression(statement.condition);
          blocks.push(statement.body);
          break;
        case 'switch':
          if (statement.subject) expression(statement.subject);
          for (const clause of statement.cases) {
            clause.values.forEach(expression);
            blocks.push(clause.body);
          }
          if (statement.otherwise) blocks.push(statement.otherwise);
          break;
        case 'function':
          facts.functions.push({ name: statement.name, params: statement.params.length, start: statement.start });
          for (const param of statement.params) facts.writes.push({ name: param, start: statement.start });
          blocks.push(statement.body);
          break;
        case 'return':
          if (statement.value) expression(statement.value);
          ended = true;
          break;
        case 'break':
          ended = true;
          break;
        case 'trace':
          expression(statement.value);
          break;
        case 'call':
          expression(statement.call);
          break;
      }
    }
  }
  return facts;
}
