// The email channel over HTTP: an inbound mail's full original for agents (quotes and signature
// included, as plain text), and the survey page a customer reaches from the signed link in the
// survey mail (public; the signature is the permission, and the conversation takes one rating).
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { LIMITS, type Locale } from '../../protocol/index.ts';
import type { Conversations } from '../conversations/service.ts';
import type { SurveyKind, SurveyLinks } from '../email/survey.ts';
import { surveyText } from '../email/survey.ts';
import type { Store } from '../store/index.ts';
import { refusal } from './respond.ts';
import { DomainError } from '../conversations/errors.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const id = z.string().min(1).max(100);
const answer = z.object({ sig: z.string().min(1).max(200), score: z.coerce.number().int().min(1).max(5) });
const npsAnswer = z.object({ sig: z.string().min(1).max(200), score: z.coerce.number().int().min(0).max(10), comment: z.string().trim().max(LIMITS.commentChars).optional() });
const digits = (l: Locale, n: number) => new Intl.NumberFormat(l === 'en' ? 'en' : l === 'fa' ? 'fa-IR' : 'ar').format(n);

export function emailRoutes({ store, conversations, surveys }: { store: Store; conversations: Conversations; surveys: SurveyLinks | null }): Router {
  const router = Router();

  router.get('/api/email/:id/original', async (req, res, next) => {
    try {
      const record = id.safeParse(req.params.id).success ? await store.email.get(req.params.id) : undefined;
      if (!record) return res.status(404).json({ error: 'not_found', message: 'No such mail.' });
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.send(
        [
          `From: ${record.name ? `${record.name} <${record.address}>` : record.address}`,
          `Subject: ${record.subject}`,
          `Message-ID: <${record.headerId}>`,
          `Sender verified: ${record.verified ? 'yes' : 'no'}${record.verification ? ` (${record.verification})` : ''}`,
          `Received: ${record.createdAt}`,
          '',
          record.original,
        ].join('\n'),
      );
    } catch (err) {
      next(err);
    }
  });

  if (!surveys) return router;

  const page = (res: Response, locale: Locale, body: string, status = 200) => {
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    const dir = locale === 'en' ? 'ltr' : 'rtl';
    res.send(
      `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(surveyText('subject', locale))}</title>` +
        `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1d2430}form{display:flex;gap:.5rem;flex-wrap:wrap}button{font-size:1.25rem;min-width:3rem;padding:.5rem;border:1px solid #9aa5b1;border-radius:.5rem;background:#fff;cursor:pointer}</style>` +
        `</head><body>${body}</body></html>`,
    );
  };
  const conversationOf = async (conversationId: string, sig: string, kind: SurveyKind = 'csat') => {
    if (!id.safeParse(conversationId).success || !(await surveys.valid(conversationId, kind, sig))) return null;
    const conv = await store.conversations.get(conversationId);
    return conv && conv.channel === 'email' ? conv : null;
  };

  router.get('/survey/:id', async (req, res, next) => {
    try {
      const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
      const conv = await conversationOf(req.params.id, sig);
      if (!conv) return page(res, 'en', `<p>${escape(surveyText('invalid', 'en'))}</p>`, 404);
      const l = conv.locale;
      if (conv.rating !== null) return page(res, l, `<p>${escape(surveyText('used', l))}</p>`, 410);
      const buttons = [1, 2, 3, 4, 5].map((n) => `<button name="score" value="${n}" aria-label="${n}/5">${new Intl.NumberFormat(l === 'en' ? 'en' : l === 'fa' ? 'fa-IR' : 'ar').format(n)}</button>`).join('');
      page(res, l, `<h1>${escape(surveyText('question', l))}</h1><form method="post" action="/survey/${encodeURIComponent(conv.id)}"><input type="hidden" name="sig" value="${escape(sig)}">${buttons}</form>`);
    } catch (err) {
      next(err);
    }
  });

  router.post('/survey/:id', express.urlencoded({ extended: false, limit: '2kb' }), async (req, res, next) => {
    try {
      const body = answer.safeParse(req.body);
      const conv = body.success ? await conversationOf(req.params.id, body.data.sig) : null;
      if (!body.success || !conv) return page(res, 'en', `<p>${escape(surveyText('invalid', 'en'))}</p>`, body.success ? 404 : 400);
      const l = conv.locale;
      const rated = await conversations.email.rate(conv.id, body.data.score, null);
      if (!rated) return page(res, l, `<p>${escape(surveyText('used', l))}</p>`, 410);
      page(res, l, `<p>${escape(surveyText('thanks', l))}</p>`);
    } catch (err) {
      if (!refusal(res, err)) next(err);
    }
  });

  // NPS by mail: the same page shape, 0–10 and a comment; once per customer per window (nps.ts).
  router.get('/survey/:id/nps', async (req, res, next) => {
    try {
      const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
      const conv = await conversationOf(req.params.id, sig, 'nps');
      if (!conv) return page(res, 'en', `<p>${escape(surveyText('invalid', 'en'))}</p>`, 404);
      const l = conv.locale;
      const visitor = await store.visitors.get(conv.visitorId);
      if (!visitor || !(await conversations.nps.due(visitor, conv.id))) return page(res, l, `<p>${escape(surveyText('used', l))}</p>`, 410);
      const buttons = Array.from({ length: 11 }, (_, n) => `<button name="score" value="${n}" aria-label="${n}/10">${digits(l, n)}</button>`).join('');
      page(
        res,
        l,
        `<h1>${escape(surveyText('npsQuestion', l))}</h1><p>${escape(surveyText('npsScale', l))}</p><form method="post" action="/survey/${encodeURIComponent(conv.id)}/nps"><input type="hidden" name="sig" value="${escape(sig)}">` +
          `<label style="width:100%">${escape(surveyText('comment', l))}<br><textarea name="comment" maxlength="${LIMITS.commentChars}" rows="3" style="width:100%"></textarea></label>${buttons}</form>`,
      );
    } catch (err) {
      next(err);
    }
  });

  router.post('/survey/:id/nps', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    let l: Locale = 'en';
    try {
      const body = npsAnswer.safeParse(req.body);
      const conv = body.success ? await conversationOf(req.params.id, body.data.sig, 'nps') : null;
      if (!body.success || !conv) return page(res, 'en', `<p>${escape(surveyText('invalid', 'en'))}</p>`, body.success ? 404 : 400);
      l = conv.locale;
      const visitor = await store.visitors.get(conv.visitorId);
      if (!visitor) return page(res, l, `<p>${escape(surveyText('invalid', l))}</p>`, 404);
      await conversations.nps.answer(visitor, conv.id, body.data.score, body.data.comment || null);
      page(res, l, `<p>${escape(surveyText('thanks', l))}</p>`);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'wrong_state') return page(res, l, `<p>${escape(surveyText('used', l))}</p>`, 410);
      if (!refusal(res, err)) next(err);
    }
  });

  return router;
}
