// What one client may start: conversations, handoffs, left messages. The realtime edge binds a
// quota to the client's address; a refusal is a DomainError 'rate_limited' with a retry time.
export interface VisitorQuota {
  newConversation(): Promise<void>;
  handoff(): Promise<void>;
  leftMessage(): Promise<void>;
}

export const UNLIMITED: VisitorQuota = {
  newConversation: async () => {},
  handoff: async () => {},
  leftMessage: async () => {},
};
