// Queries of a fixed shape, compiled once. Building and compiling a Kysely query costs more CPU
// than SQLite takes to run these small ones, and a bot turn runs several on every message: the
// SQL is kept and only the parameters change (placed where the builder put each argument).
import type { Compilable, CompiledQuery } from 'kysely';

/** Stands for argument i while compiling; never a real value. */
const sentinel = (i: number) => `\u0000porsan-arg-${i}\u0000`;

/**
 * `build` must give the same SQL for any arguments (no branches on them); the compiled query's
 * parameters that were arguments are replaced on each call, the others (constants) kept.
 */
export function compiledOnce<A extends unknown[], R>(arity: A['length'], build: (...args: A) => Compilable<R>): (...args: A) => CompiledQuery<R> {
  let compiled: CompiledQuery<R> | null = null;
  let slots: Array<number | null> = [];
  return (...args) => {
    if (!compiled) {
      compiled = build(...(Array.from({ length: arity }, (_, i) => sentinel(i)) as A)).compile();
      slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith('\u0000porsan-arg-') ? Number(p.slice(12, -1)) : null));
    }
    const c = compiled;
    return { ...c, parameters: slots.map((s, k) => (s === null ? c.parameters[k] : args[s])) };
  };
}
