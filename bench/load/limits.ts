// The documented settings (PORSAN_RATE_*, see server/config.ts) that would refuse the benchmark's
// 10,000 visitors: they all come from one loopback address. Lifted for the load benchmark only.
export const LIFTED_LIMITS: Record<string, string> = {
  PORSAN_RATE_CONNECTIONS: '1000000',
  PORSAN_RATE_NEW_VISITORS: '1000000',
  PORSAN_RATE_CONVERSATIONS: '1000000',
  PORSAN_RATE_HANDOFFS: '1000000',
  PORSAN_RATE_LEFT_MESSAGES: '1000000',
};
