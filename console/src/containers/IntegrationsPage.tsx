// Integrations (admins): API tokens for the REST API and webhook endpoints with their delivery
// logs. Secrets are shown once, right after they are made.
import { useEffect, useState } from 'preact/hooks';
import type { AgentStatus, ApiScope, ApiTokenInfo, WebhookDeliveryInfo, WebhookEvent, WebhookInfo } from '../../../protocol/index.ts';
import { createToken, createWebhook, listDeliveries, listTokens, listWebhooks, removeWebhook, resendDelivery, revokeToken } from '../api-owner.ts';
import { useI18n } from '../i18n.ts';
import { TokensPanel } from '../views/integrations/TokensPanel.tsx';
import { WebhooksPanel } from '../views/integrations/WebhooksPanel.tsx';
import '../views/integrations/integrations.css';

export function IntegrationsPage({ team, meId }: { team: AgentStatus[] | null; meId: string }) {
  const { t } = useI18n();
  const [tokens, setTokens] = useState<ApiTokenInfo[] | null>(null);
  const [webhooks, setWebhooks] = useState<WebhookInfo[] | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<{ webhookId: string; deliveries: WebhookDeliveryInfo[] | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => {
    listTokens().then(setTokens, fail);
    listWebhooks().then(setWebhooks, fail);
  }, []);

  const loadDeliveries = (webhookId: string) =>
    listDeliveries(webhookId).then((deliveries) => setOpen((cur) => (cur?.webhookId === webhookId ? { webhookId, deliveries } : cur)), fail);

  const writers = (team ?? []).filter((a) => a.active && a.role !== 'editor');

  return (
    <div class="page-body integrations-page">
      <h1>{t('pageIntegrations')}</h1>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <TokensPanel
        tokens={tokens}
        writers={writers}
        meId={meId}
        created={newToken}
        onCreate={async (name: string, scopes: ApiScope[], agentId: string) => {
          try {
            const { token } = await createToken(name, scopes, agentId);
            setNewToken(token);
            setError(null);
            setTokens(await listTokens());
            return true;
          } catch (e) {
            fail(e);
            return false;
          }
        }}
        onRevoke={async (tok) => {
          if (!confirm(t('intConfirmRevoke', { name: tok.name }))) return;
          try {
            await revokeToken(tok.id);
            setTokens(await listTokens());
          } catch (e) {
            fail(e);
          }
        }}
      />
      <WebhooksPanel
        webhooks={webhooks}
        created={newSecret}
        open={open}
        onCreate={async (url: string, events: WebhookEvent[]) => {
          try {
            const { secret } = await createWebhook(url, events);
            setNewSecret(secret);
            setError(null);
            setWebhooks(await listWebhooks());
            return true;
          } catch (e) {
            fail(e);
            return false;
          }
        }}
        onRemove={async (w) => {
          if (!confirm(t('intConfirmRemove', { url: w.url }))) return;
          try {
            await removeWebhook(w.id);
            setWebhooks(await listWebhooks());
          } catch (e) {
            fail(e);
          }
        }}
        onToggleDeliveries={(w) => {
          if (open?.webhookId === w.id) return setOpen(null);
          setOpen({ webhookId: w.id, deliveries: null });
          void loadDeliveries(w.id);
        }}
        onResend={async (d) => {
          try {
            await resendDelivery(d.id);
            await loadDeliveries(d.webhookId);
          } catch (e) {
            fail(e);
          }
        }}
      />
    </div>
  );
}
