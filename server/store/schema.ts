// Tables, as Kysely sees them (the migrations in ./migrations/ create and change them). The SQL
// is kept to what SQLite and PostgreSQL both speak: text ids, ISO-8601 text times, integer flags.
import type { Generated } from 'kysely';

export interface VisitorsTable {
  id: string;
  token_hash: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  user_agent: string | null;
  page_url: string | null;
  page_title: string | null;
  referrer: string | null;
  time_zone: string | null;
  visits: number;
  current_conversation_id: string | null;
  created_at: string;
  last_seen_at: string;
  customer_id: string | null;
  /** 1 when `customer_id` was set by a verified identity. */
  verified: Generated<number>;
}

export interface CustomersTable {
  id: string;
  user_id: string | null;
  /** Verified, lower-case. */
  email: string | null;
  name: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConversationsTable {
  id: string;
  visitor_id: string;
  status: string;
  locale: string;
  agent_id: string | null;
  handoff_reason: string | null;
  queued_at: string | null;
  assigned_at: string | null;
  first_response_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  rating: number | null;
  rating_comment: string | null;
  last_seq: number;
  first_question: string | null;
  last_message: string | null;
  page_url: string | null;
  /** JSON array of strings. */
  tags: string;
  resolution: string | null;
  tracking_code: string | null;
  /** The proactive rule the conversation was started from (its name as it was then). */
  proactive_rule_id: string | null;
  proactive_rule_name: string | null;
  created_at: string;
  updated_at: string;
  customer_id: string | null;
  /** chat | email */
  channel: Generated<string>;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: string;
  text: string;
  meta: string | null;
  /** 1 for internal notes, which only agents see. */
  internal: number;
  agent_id: string | null;
  created_at: string;
  /** The words for full-text search, folded (server/text/search-terms.ts); null for system messages. */
  search_text: string | null;
}

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  active: number;
  /** Concurrent conversations; null means the team default. */
  max_conversations: number | null;
  created_at: string;
  /** Changes with each new picture (in the picture's URL, so caches never show an old one); null: none. */
  avatar_version: string | null;
}

export interface AgentAvatarsTable {
  agent_id: string;
  mime: string;
  /** base64 */
  data: string;
  updated_at: string;
}

export interface SavedRepliesTable {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The FTS5 index of messages (SQLite only). */
export interface MessagesFtsTable {
  search_text: string;
  message_id: string;
}

export interface SessionsTable {
  token_hash: string;
  agent_id: string;
  created_at: string;
  expires_at: string;
}

export interface UnansweredTable {
  id: Generated<number>;
  conversation_id: string | null;
  locale: string;
  text: string;
  normalized: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AttachmentsTable {
  id: string;
  conversation_id: string;
  /** Null until the message carrying the file is stored (orphans are swept). */
  message_id: string | null;
  /** SHA-256 (hex) of the stored bytes: the file storage's key. */
  hash: string;
  name: string;
  mime: string;
  size: number;
  kind: string;
  width: number | null;
  height: number | null;
  uploaded_by: string;
  created_at: string;
}

export interface ProactiveRulesTable {
  id: string;
  name: string;
  enabled: number;
  /** JSON: ProactiveConditions. */
  conditions: string;
  /** JSON: text per locale. */
  messages: string;
  delay_seconds: number;
  frequency: string;
  /** Bubbles shown and opened (conversations started are counted from `conversations`). */
  shown: number;
  opened: number;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  agent_id: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebhooksTable {
  id: string;
  url: string;
  /** JSON array of event names. */
  events: string;
  secret: string;
  active: number;
  created_by: string | null;
  created_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  retry_until: string;
  claim_token: string | null;
  claimed_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: string;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface EmailMessagesTable {
  id: string;
  conversation_id: string;
  message_id: string | null;
  header_id: string;
  direction: string;
  address: string;
  name: string | null;
  subject: string;
  verified: number;
  verification: string | null;
  original: string;
  status: string;
  error: string | null;
  created_at: string;
}

export interface NpsResponsesTable {
  id: string;
  conversation_id: string;
  visitor_id: string;
  customer_id: string | null;
  /** 0…10 */
  score: number;
  comment: string | null;
  locale: string;
  channel: string;
  created_at: string;
}

export interface LearnedWordingsTable {
  id: string;
  normalized: string;
  entry_id: string;
  locale: string;
  /** the latest example as a visitor wrote it */
  text: string;
  status: string;
  decided_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface LearnedEvidenceTable {
  id: Generated<number>;
  wording_id: string;
  conversation_id: string;
  visitor_id: string;
  /** 'confirm' | 'pick' | 'agent' */
  source: string;
  /** 1: the visitor asked for a person after the pick, so it does not count */
  voided: number;
  created_at: string;
}

export interface Database {
  settings: SettingsTable;
  visitors: VisitorsTable;
  customers: CustomersTable;
  nps_responses: NpsResponsesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  agents: AgentsTable;
  sessions: SessionsTable;
  unanswered: UnansweredTable;
  saved_replies: SavedRepliesTable;
  agent_avatars: AgentAvatarsTable;
  messages_fts: MessagesFtsTable;
  attachments: AttachmentsTable;
  proactive_rules: ProactiveRulesTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  email_messages: EmailMessagesTable;
  learned_wordings: LearnedWordingsTable;
  learned_evidence: LearnedEvidenceTable;
}
