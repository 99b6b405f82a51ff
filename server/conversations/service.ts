// The conversation domain: lifecycle (bot → queued → assigned → closed), the bot's turn, the
// queue and claims, left messages. It persists through the store port and announces changes as
// events with ready payloads; the realtime edge routes those to sockets. No I/O of its own.
//   visitors  — visitor-side.ts (and the bot's turn, bot-turn.ts)
//   agents    — agent-side.ts
//   tickets   — tickets.ts (left messages)
//   routing   — routing.ts (automatic routing, requeue)
//   archive   — archive.ts (every conversation by filters and words; exports)
//   profiles  — profiles.ts (a person's new name or picture reaches the visitors they are with)
//   attachments — attachments.ts (files in conversations, and who may fetch them)
//   email     — email-side.ts (mail as conversations in the queue; the bot's suggestion)
//   nps       — nps.ts ("How likely are you to recommend us?" after a closed conversation)
import { AgentSide } from './agent-side.ts';
import { Archive } from './archive.ts';
import { Attachments } from './attachments.ts';
import { Context, type BotEngine } from './context.ts';
import { EmailSide } from './email-side.ts';
import { NPS_OFF, NpsSurvey, type NpsSettings } from './nps.ts';
import type { ConversationStore } from './ports.ts';
import { Profiles } from './profiles.ts';
import { Routing } from './routing.ts';
import type { Team } from './team.ts';
import { Tickets } from './tickets.ts';
import { VisitorSide } from './visitor-side.ts';

export type { BotEngine };

export class Conversations {
  private readonly ctx: Context;
  readonly visitors: VisitorSide;
  readonly agents: AgentSide;
  readonly tickets: Tickets;
  readonly routing: Routing;
  readonly archive: Archive;
  readonly profiles: Profiles;
  readonly attachments: Attachments;
  readonly email: EmailSide;
  readonly nps: NpsSurvey;

  constructor(store: ConversationStore, bot: BotEngine, team: Team, options: { nps?: NpsSettings; emailBotReply?: boolean } = {}) {
    this.ctx = new Context(store, team, bot);
    this.routing = new Routing(this.ctx);
    this.visitors = new VisitorSide(this.ctx, this.routing);
    this.agents = new AgentSide(this.ctx, this.routing);
    this.tickets = new Tickets(this.ctx, this.visitors);
    this.archive = new Archive(this.ctx, this.agents);
    this.profiles = new Profiles(this.ctx);
    this.attachments = new Attachments(this.ctx, this.visitors);
    this.email = new EmailSide(this.ctx, this.routing, { botReply: options.emailBotReply ?? false });
    this.nps = new NpsSurvey(this.ctx, options.nps ?? NPS_OFF);
  }

  /** Domain events (messages, conversation changes, the queue…) with ready payloads. */
  get events(): Context['events'] {
    return this.ctx.events;
  }

  /** Tell agents and waiting visitors the queue as it is now (e.g. after the team's settings changed). */
  announceQueue(): void {
    this.ctx.queueChanged();
  }

  rememberAgent(agent: { id: string; name: string; avatarVersion?: string | null }): void {
    this.ctx.rememberAgent(agent);
  }

  close(): void {
    this.routing.close();
  }
}
