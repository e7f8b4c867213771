/**
 * The page writes out the JSON shapes it reads rather than importing the
 * server's modules (which would pull Node-only code into the browser bundle).
 * These checks make the two agree: when a server type changes so that the
 * page's copy no longer accepts it, `tsc -p tsconfig.test.json` (part of
 * `npm test`) fails here.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { PropertyKind } from '../../src/actions/types.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import type { BuiltinFunction } from '../../src/expression/index.ts';
import type { ScriptGraph } from '../../src/graph/graph.ts';
import type { ClockMode, ClockSpeed } from '../../src/server/clock.ts';
import type { FeedEntry } from '../../src/server/feed.ts';
import type { PlaygroundSample } from '../../src/server/playground.ts';
import type { RunReport, Step } from '../../src/runtime/report.ts';
import type { Simulation } from '../../src/runtime/simulation.ts';
import type * as Page from '../../src/playground/types.ts';

describe('the page reads what the server sends', () => {
  it('has types that accept the server’s JSON', () => {
    expectTypeOf<Diagnostic>().toExtend<Page.Diagnostic>();
    expectTypeOf<ScriptGraph>().toExtend<Page.ScriptGraph>();
    expectTypeOf<Step>().toExtend<Page.Step>();
    expectTypeOf<PlaygroundSample>().toExtend<Page.Sample>();
    expectTypeOf<ReturnType<Simulation['agents']>[number]>().toExtend<Page.Agent>();
    expectTypeOf<{ now: number; mode: ClockMode; speed: ClockSpeed }>().toExtend<Page.ClockState>();
    expectTypeOf<FeedEntry['kind']>().toExtend<Page.FeedKind>();
    expectTypeOf<Omit<FeedEntry, 'event'>>().toExtend<Omit<Page.FeedEntry, 'event'>>();
    expectTypeOf<RunReport & { done: boolean }>().toExtend<Page.ContactReport>();
    expectTypeOf<PropertyKind>().toExtend<Page.PropertyReference['kind']>();
    expectTypeOf<Pick<BuiltinFunction, 'name' | 'signature' | 'summary' | 'arity' | 'example'>>().toExtend<Page.FunctionReference>();
  });
});
