// The signed-in console: wires the socket, the reducer and attention to the view components.
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { AgentInfo, SavedReply } from '../../../protocol/index.ts';
import { pagesFor } from '../../../server/security/access.ts';
import { logout, savedReplies } from '../api.ts';
import { intlTag, useI18n } from '../i18n.ts';
import { readRoute, writeRoute, type Page } from '../lib/route.ts';
import { initialState, myStatus, reducer } from '../state.ts';
import { ConversationPane } from '../views/ConversationPane.tsx';
import { Header } from '../views/Header.tsx';
import { Layout, Panes, SinglePage } from '../views/Layout.tsx';
import { MineList } from '../views/MineList.tsx';
import { Notice } from '../views/Notice.tsx';
import { QueueList } from '../views/QueueList.tsx';
import { TeamList } from '../views/TeamList.tsx';
import { TicketList } from '../views/TicketList.tsx';
import { VisitorPanel } from '../views/VisitorPanel.tsx';
import { AdminPage } from './AdminPage.tsx';
import { ArchivePage } from './ArchivePage.tsx';
import { ProfilePage } from './ProfilePage.tsx';
import { RepliesPage } from './RepliesPage.tsx';
import { KbPage } from './KbPage.tsx';
import { createActions } from './useActions.ts';
import { useAgentConnection } from './useAgentConnection.ts';
import { useAttention } from './useAttention.ts';
import { useTypingSignal } from './useTypingSignal.ts';
import { useUploads } from './useUploads.ts';
import { ProactivePage } from './ProactivePage.tsx';
import { useLazy } from './useLazy.ts';


export function Workspace({ agent, onLoggedOut }: { agent: AgentInfo; onLoggedOut: () => void }) {
  const { t, lang } = useI18n();
  // Which pages this role sees: the server's table (security/access.ts), not a second copy here.
  const pages: Page[] = pagesFor(agent.role);
  const [page, setPage] = useState<Page>(() => {
    const wanted = readRoute().page;
    return pages.includes(wanted) ? wanted : pages[0];
  });
  const [archiveSearch] = useState(() => readRoute().search ?? '');
  const [replies, setReplies] = useState<SavedReply[]>([]);
  const loadReplies = () => savedReplies().then(setReplies);
  useEffect(() => {
    if (pages.includes('replies')) loadReplies().catch(() => undefined);
  }, []);
  const [state, dispatch] = useReducer(reducer, { ...initialState, agent }, (s) => {
    const id = readRoute().conversationId;
    return id && pages.includes('conversations') ? reducer(s, { type: 'select', id }) : s;
  });
  const openId = state.open?.id ?? null;
  const conn = useAgentConnection(dispatch, openId, onLoggedOut);
  const drafts = useRef(new Map<string, string>());

  const select = (id: string) => {
    setPage('conversations');
    dispatch({ type: 'select', id });
    void conn.open(id);
  };
  const actions = useMemo(() => createActions(conn.socket, dispatch, (id) => select(id)), []);
  const attention = useAttention(state, t, select, agent.role !== 'editor');
  const typingSignal = useTypingSignal(conn.socket, openId);
  const uploads = useUploads(dispatch, t, intlTag(lang));
  const reports = useLazy(() => import('./ReportsPage.tsx'), page === 'reports');
  const integrations = useLazy(() => import('./IntegrationsPage.tsx'), page === 'integrations');

  // (the archive keeps its own filter in the address)
  useEffect(() => {
    if (page !== 'archive') writeRoute({ page, conversationId: page === 'conversations' ? openId : null });
  }, [page, openId]);

  // Coming back to the tab marks the open conversation as seen.
  const openIdRef = useRef(openId);
  openIdRef.current = openId;
  useEffect(() => {
    const onVisible = () => {
      if (!document.hidden && openIdRef.current) dispatch({ type: 'seen', id: openIdRef.current });
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  const doLogout = async () => {
    await logout().catch(() => undefined);
    writeRoute({ page: 'conversations', conversationId: null });
    onLoggedOut();
  };

  const me = myStatus(state);
  const works = agent.role !== 'editor';
  const detail = state.open?.detail ?? null;
  const notice = state.notice;
  const takenHere = notice?.kind === 'already_taken' && notice.conversationId === openId;
  const dismiss = () => dispatch({ type: 'notice', notice: null });
  const transferTo = (state.team ?? []).filter((a) => a.id !== state.agent?.id && a.active && a.presence === 'online' && a.role !== 'editor');

  return (
    <Layout
      header={
        <Header
          agent={state.agent}
          connection={state.connection}
          presence={works && me ? me.presence : null}
          onPresence={(p) => void actions.setPresence(p)}
          attention={works}
          notifications={attention.permission}
          sound={attention.sound}
          onEnableNotifications={attention.requestPermission}
          onToggleSound={attention.toggleSound}
          onLogout={doLogout}
          page={page}
          pages={pages}
          onPage={setPage}
        />
      }
    >
      {page === 'kb' ? (
        <SinglePage>
          <KbPage />
        </SinglePage>
      ) : page === 'archive' ? (
        <ArchivePage search={archiveSearch} agents={state.team ?? []} onOpenConversation={select} />
      ) : page === 'replies' ? (
        <SinglePage>
          <RepliesPage replies={replies} canManage={agent.role === 'admin'} onChanged={loadReplies} />
        </SinglePage>
      ) : page === 'profile' ? (
        <SinglePage>
          <ProfilePage onSaved={(patch) => dispatch({ type: 'me', patch })} />
        </SinglePage>
      ) : page === 'proactive' ? (
        <SinglePage>
          <ProactivePage />
        </SinglePage>
      ) : page === 'reports' ? (
        <SinglePage>
          {reports.module ? <reports.module.ReportsPage canOpenKb={pages.includes('kb')} onOpenKb={() => setPage('kb')} /> : <p class="placeholder">{reports.error ?? t('loading')}</p>}
        </SinglePage>
      ) : page === 'integrations' ? (
        <SinglePage>
          {integrations.module ? <integrations.module.IntegrationsPage team={state.team} meId={agent.id} /> : <p class="placeholder">{integrations.error ?? t('loading')}</p>}
        </SinglePage>
      ) : page === 'admin' ? (
        <SinglePage>
          <AdminPage team={state.team} meId={agent.id} onAgent={(status) => dispatch({ type: 'agentStatus', status })} />
        </SinglePage>
      ) : (
        <Panes
          lists={
            <>
              {notice && !takenHere && <Notice notice={notice} onDismiss={dismiss} />}
              <QueueList queue={state.queue} selectedId={openId} busy={state.busy} onOpen={select} onClaim={(id) => void actions.claim(id)} />
              <MineList mine={state.mine} selectedId={openId} unread={state.unread} typing={state.typing} onOpen={select} />
              {state.tickets && <TicketList tickets={state.tickets} selectedId={openId} busy={state.busy} onOpen={select} onClaim={(id) => void actions.claim(id)} />}
              {state.team && <TeamList team={state.team} meId={state.agent?.id ?? null} />}
            </>
          }
          main={
            detail ? (
              <ConversationPane
                agent={state.agent}
                detail={detail}
                outgoing={state.outbox.filter((o) => o.conversationId === detail.conversation.id)}
                typing={state.typing[detail.conversation.id] === true}
                busy={state.busy[detail.conversation.id]}
                takenNotice={takenHere}
                transferTo={transferTo}
                draft={drafts.current.get(detail.conversation.id) ?? ''}
                onDraft={(text) => drafts.current.set(detail.conversation.id, text)}
                onClaim={() => void actions.claim(detail.conversation.id)}
                onClose={(resolution) => void actions.close(detail.conversation.id, resolution)}
                onRelease={() => void actions.release(detail.conversation.id)}
                onTransfer={(to) => void actions.transfer(detail.conversation.id, to)}
                onTags={(tags) => void actions.setTags(detail.conversation.id, tags)}
                onSend={(kind, text) => {
                  if (kind === 'reply') typingSignal.stop();
                  actions.write(detail.conversation.id, kind, text);
                }}
                onTyping={typingSignal.typing}
                onRetry={actions.retry}
                onDismissNotice={dismiss}
                searchKb={(q) => actions.searchKb(q, detail.conversation.locale)}
                replies={replies}
                uploads={uploads}
              />
            ) : (
              <p class="placeholder">{state.open?.error ? t('openFailed', { message: state.open.error }) : state.open ? t('loading') : t('noSelection')}</p>
            )
          }
          aside={detail ? <VisitorPanel detail={detail} /> : null}
        />
      )}
    </Layout>
  );
}
