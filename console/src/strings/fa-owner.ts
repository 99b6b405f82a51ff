// Persian strings of the owner's pages: reports, API tokens and webhooks (spread into fa.ts).
import type { enOwner } from './en-owner.ts';

export const faOwner: Record<keyof typeof enOwner, string> = {
  role_supervisor: 'سرپرست',
};
