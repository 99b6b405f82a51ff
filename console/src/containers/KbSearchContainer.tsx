// Canned replies are FAQ answers: search the knowledge base as the agent types, debounced.
import { useEffect, useState } from 'preact/hooks';
import type { KbHit } from '../../../protocol/index.ts';
import { KbSearchView } from '../views/KbSearchView.tsx';

export function KbSearchContainer({ search, onPick }: { search: (query: string) => Promise<KbHit[]>; onPick: (hit: KbHit) => void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<KbHit[] | null>(null);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setHits(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      void search(q).then((h) => {
        if (!stale) setHits(h);
      });
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);
  return <KbSearchView query={query} hits={hits} onQuery={setQuery} onPick={onPick} />;
}
