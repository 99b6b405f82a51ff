// Loads a page's module (and what only it needs, e.g. the chart library) the first time it is wanted.
import { useEffect, useState } from 'preact/hooks';

export function useLazy<T>(load: () => Promise<T>, wanted: boolean): { module: T | null; error: string | null } {
  const [module, setModule] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (wanted && !module) load().then(setModule, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [wanted]);
  return { module, error };
}
