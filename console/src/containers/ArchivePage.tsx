// The Conversations archive: a filter (kept in the page's address, so reloads and shared links
// land on the same search), the conversations it finds a page at a time, and the transcript of
// the one selected.
import { useEffect, useState } from 'preact/hooks';
import type { AgentStatus, ArchiveFilter, ArchiveResult, ConversationDetail } from '../../../protocol/index.ts';
import { archivePage, archiveTranscript, filterParams } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { writeRoute } from '../lib/route.ts';
import { ArchiveFilters } from '../views/archive/ArchiveFilters.tsx';
import { ArchiveList } from '../views/archive/ArchiveList.tsx';
import { ArchiveTranscript } from '../views/archive/ArchiveTranscript.tsx';

/** The filter and the open conversation from the address's parameters. */
export function readArchiveSearch(search: string): { filter: ArchiveFilter; open: string | null } {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k) || undefined;
  const rating = get('rating');
  const filter = Object.fromEntries(
    Object.entries({
      q: get('q'),
      status: get('status'),
      agentId: get('agent'),
      from: get('from'),
      to: get('to'),
      locale: get('locale'),
      tag: get('tag'),
      rating: rating && /^[1-5]$/.test(rating) ? Number(rating) : rating,
      resolution: get('resolution'),
    }).filter(([, v]) => v !== undefined),
  ) as ArchiveFilter;
  return { filter, open: p.get('c') };
}

export function ArchivePage({ search, agents, onOpenConversation }: { search: string; agents: AgentStatus[]; onOpenConversation: (id: string) => void }) {
  const { t } = useI18n();
  const [initial] = useState(() => readArchiveSearch(search));
  const [filter, setFilter] = useState<ArchiveFilter>(initial.filter);
  const [results, setResults] = useState<ArchiveResult[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<string | null>(initial.open);
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => {
    const p = filterParams(filter);
    if (openId) p.set('c', openId);
    writeRoute({ page: 'archive', conversationId: null, search: '?' + p.toString() });
  }, [filter, openId]);

  useEffect(() => {
    let stale = false;
    setResults(null);
    archivePage(filter).then(
      (page) => {
        if (stale) return;
        setResults(page.results);
        setNext(page.next);
        setError(null);
      },
      (e) => !stale && fail(e),
    );
    return () => {
      stale = true;
    };
  }, [filter]);

  useEffect(() => {
    setDetail(null);
    if (!openId) return;
    let stale = false;
    archiveTranscript(openId).then((d) => !stale && setDetail(d), (e) => !stale && fail(e));
    return () => {
      stale = true;
    };
  }, [openId]);

  const more = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const page = await archivePage(filter, next);
      setResults((r) => [...(r ?? []), ...page.results]);
      setNext(page.next);
    } catch (e) {
      fail(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div class="archive">
      <h1 class="visually-hidden">{t('archiveTitle')}</h1>
      <ArchiveFilters filter={filter} agents={agents} onSearch={(f) => setFilter({ ...f })} />
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="archive-panes">
        <ArchiveList results={results} selectedId={openId} more={!!next} loading={loading} onOpen={setOpenId} onMore={() => void more()} />
        <main class="main">
          {detail ? <ArchiveTranscript detail={detail} onOpen={() => onOpenConversation(detail.conversation.id)} /> : <p class="placeholder">{openId ? t('loading') : t('archiveSelect')}</p>}
        </main>
      </div>
    </div>
  );
}
