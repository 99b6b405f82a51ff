// Turns domain events into socket emits. Rooms (not socket lists) carry everything, so the
// Socket.IO Redis adapter can spread the same emits across processes. Whole-queue broadcasts
// are coalesced: however fast the queue changes, agents get at most a few snapshots a second.
import type { Conversations } from '../conversations/service.ts';
import type { Logger } from '../log.ts';
import type { Team } from '../conversations/team.ts';
import { QUEUE_ROOM, TEAM_ROOM, agentRoom, watchRoom, type AgentNamespace } from './agent.ts';
import { visitorRoom, type VisitorNamespace } from './visitor.ts';

/** Runs `task` now, or — if it ran less than `ms` ago or is running — once more after that. */
export function coalesce(task: () => Promise<void>, ms: number): () => void {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  const run = async () => {
    timer = null;
    running = true;
    last = Date.now();
    try {
      await task();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => void run(), wait);
    timer.unref();
  };
  return schedule;
}

export function wireFanout(conversations: Conversations, team: Team, visitors: VisitorNamespace, agents: AgentNamespace, log: Logger): void {
  const safe = (what: string, p: Promise<unknown>) => p.catch((err: unknown) => log.error({ err }, `fan-out of ${what} failed`));

  conversations.on('message', (message, conv) => {
    // Internal notes never reach the visitor.
    if (message.meta?.type !== 'note') visitors.to(visitorRoom(conv.visitor_id)).emit('message', message);
    const rooms = [watchRoom(conv.id), ...(conv.agent_id ? [agentRoom(conv.agent_id)] : [])];
    agents.to(rooms).emit('message', message);
  });

  conversations.on('conversation', (conv) => {
    safe('conversation', (async () => {
      visitors.to(visitorRoom(conv.visitor_id)).emit('conversation', await conversations.view(conv));
      const summary = await conversations.summary(conv);
      agents.to([watchRoom(conv.id), ...(conv.agent_id ? [agentRoom(conv.agent_id)] : [])]).emit('conversation', summary);
    })());
  });

  const announceQueue = coalesce(
    () =>
      safe('queue', (async () => {
        agents.to(QUEUE_ROOM).emit('queue', await conversations.queue());
        // Every waiting visitor learns their new position.
        for (const { conversation, view } of await conversations.queuedViews()) {
          visitors.to(visitorRoom(conversation.visitor_id)).emit('conversation', view);
        }
      })()).then(() => undefined),
    150,
  );
  conversations.on('queue', announceQueue);

  conversations.on('tickets', () => {
    safe('tickets', (async () => agents.to(QUEUE_ROOM).emit('tickets', await conversations.tickets()))());
  });

  conversations.on('reassigned', (conv, previousAgentId) => {
    safe('reassigned', (async () => agents.to(agentRoom(previousAgentId)).emit('conversation', await conversations.summary(conv)))());
  });

  const announceTeam = coalesce(() => safe('agents', (async () => agents.to(TEAM_ROOM).emit('agents', await team.statuses()))()).then(() => undefined), 150);
  team.on('changed', announceTeam);

  conversations.on('typing', (conv, author, typing) => {
    if (author === 'visitor') agents.to(watchRoom(conv.id)).emit('typing', { conversationId: conv.id, author: 'visitor', typing });
    else visitors.to(visitorRoom(conv.visitor_id)).emit('typing', { author: 'agent', typing });
  });
}
