// English strings of the owner's pages: reports, API tokens and webhooks (spread into en.ts).
export const enOwner = {
  role_supervisor: 'Supervisor',
};
