// HTTP calls of the owner's pages: reports (admins, supervisors), API tokens and webhooks (admins).
import type { ApiScope, ApiTokenInfo, Locale, Report, WebhookDeliveryInfo, WebhookEvent, WebhookInfo } from '../../protocol/index.ts';
import { request } from './api.ts';

export function getReport(from: string, to: string, locale: Locale | null): Promise<Report> {
  const q = new URLSearchParams({ from, to, ...(locale && { locale }) });
  return request<Report>('GET', `/api/reports?${q}`);
}

export async function listTokens(): Promise<ApiTokenInfo[]> {
  return (await request<{ tokens: ApiTokenInfo[] }>('GET', '/api/tokens')).tokens;
}
export function createToken(name: string, scopes: ApiScope[], agentId?: string): Promise<{ id: string; token: string }> {
  return request('POST', '/api/tokens', { name, scopes, ...(agentId && { agentId }) });
}
export function revokeToken(id: string): Promise<void> {
  return request('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
}

export async function listWebhooks(): Promise<WebhookInfo[]> {
  return (await request<{ webhooks: WebhookInfo[] }>('GET', '/api/webhooks')).webhooks;
}
export function createWebhook(url: string, events: WebhookEvent[]): Promise<{ id: string; secret: string }> {
  return request('POST', '/api/webhooks', { url, events });
}
export function removeWebhook(id: string): Promise<void> {
  return request('DELETE', `/api/webhooks/${encodeURIComponent(id)}`);
}
export async function listDeliveries(webhookId: string): Promise<WebhookDeliveryInfo[]> {
  return (await request<{ deliveries: WebhookDeliveryInfo[] }>('GET', `/api/webhooks/${encodeURIComponent(webhookId)}/deliveries`)).deliveries;
}
export async function resendDelivery(id: string): Promise<WebhookDeliveryInfo> {
  return (await request<{ delivery: WebhookDeliveryInfo }>('POST', `/api/webhooks/deliveries/${encodeURIComponent(id)}/resend`)).delivery;
}
