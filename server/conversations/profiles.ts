// A person changed their display name or picture: visitors they are talking with see it at once
// (the header of their widget), and messages they wrote show the new name from now on.
import type { Context } from './context.ts';
import type { Agent } from './model.ts';

export class Profiles {
  constructor(private readonly ctx: Context) {}

  async changed(agent: Pick<Agent, 'id' | 'name' | 'avatarVersion'>): Promise<void> {
    const { ctx } = this;
    ctx.rememberAgent(agent);
    for (const conv of await ctx.store.conversations.ofAgent(agent.id, ['assigned'])) await ctx.announceConversation(conv, conv.visitorName);
    ctx.team.changed();
  }
}
