// Agent rows → the domain's view of a person.
import type { AgentInfo, AgentRole } from '../../protocol/index.ts';
import type { AgentRow } from './index.ts';

export function toAgentInfo(a: Pick<AgentRow, 'id' | 'email' | 'name' | 'role'>): AgentInfo {
  return { id: a.id, email: a.email, name: a.name, role: a.role as AgentRole };
}
