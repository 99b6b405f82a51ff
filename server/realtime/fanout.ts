// Routes the domain's events to rooms. The payloads come ready; nothing here reads the store.
// Rooms (not socket lists) carry everything, so with the Redis adapter the same emits reach
// sockets on every process.
import type { Conversations } from '../conversations/service.ts';
import type { Team } from '../conversations/team.ts';
import { QUEUE_ROOM, TEAM_ROOM, agentRoom, watchRoom, type AgentNamespace } from './agent.ts';
import { visitorRooms, type VisitorNamespace } from './visitor.ts';

export function wireFanout(conversations: Conversations, team: Team, visitors: VisitorNamespace, agents: AgentNamespace): void {
  const events = conversations.events;
  const agentRooms = (c: { id: string; agentId: string | null }) => [watchRoom(c.id), ...(c.agentId ? [agentRoom(c.agentId)] : [])];

  events.on('message', ({ message, conversation }) => {
    // Internal notes never reach the visitor.
    if (message.meta?.type !== 'note') visitors.to(visitorRooms(conversation)).emit('message', message);
    agents.to(agentRooms(conversation)).emit('message', message);
  });

  events.on('conversation', ({ conversation, view, summary }) => {
    visitors.to(visitorRooms(conversation)).emit('conversation', view);
    agents.to(agentRooms(conversation)).emit('conversation', summary);
  });

  events.on('queue', ({ summaries, views }) => {
    agents.to(QUEUE_ROOM).emit('queue', summaries);
    // Every waiting visitor learns their new position.
    for (const { visitorId, customerId, view } of views) visitors.to(visitorRooms({ visitorId, customerId })).emit('conversation', view);
  });

  events.on('tickets', ({ tickets }) => agents.to(QUEUE_ROOM).emit('tickets', tickets));

  events.on('reassigned', ({ summary, previousAgentId }) => agents.to(agentRoom(previousAgentId)).emit('conversation', summary));

  events.on('typing', ({ conversation, author, typing }) => {
    if (author === 'visitor') agents.to(watchRoom(conversation.id)).emit('typing', { conversationId: conversation.id, author: 'visitor', typing });
    else visitors.to(visitorRooms(conversation)).emit('typing', { author: 'agent', typing });
  });

  team.on('statuses', (statuses) => agents.to(TEAM_ROOM).emit('agents', statuses));
}
