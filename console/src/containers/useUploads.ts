// Files the agent sends: checked against the server's limits first (the server checks again,
// from the bytes), uploaded with progress, cancellable; the stored message goes into the
// transcript like any other.
import { useMemo, useRef, useState, type Dispatch } from 'preact/hooks';
import type { UploadLimits } from '../../../protocol/index.ts';
import { uploadLimits } from '../api.ts';
import type { Translate } from '../i18n.ts';
import { newClientId } from '../lib/ids.ts';
import { uploadFile, type RunningUpload } from '../lib/upload.ts';
import type { Action } from '../state.ts';

export interface UploadItem {
  id: string;
  conversationId: string;
  name: string;
  loaded: number;
  total: number;
}

export interface Uploads {
  items: UploadItem[];
  /** The last refusal, per conversation. */
  errors: Record<string, string>;
  start(conversationId: string, files: File[]): void;
  cancel(id: string): void;
  dismiss(conversationId: string): void;
}

const LABEL: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/gif': 'GIF', 'application/pdf': 'PDF' };

export function megabytes(bytes: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1048576);
}

export function useUploads(dispatch: Dispatch<Action>, t: Translate, lang: string): Uploads {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const running = useRef(new Map<string, RunningUpload>());
  const limits = useRef<Promise<UploadLimits | null> | null>(null);
  const tRef = useRef({ t, lang });
  tRef.current = { t, lang };

  return useMemo(() => {
    const refuse = (conversationId: string, text: string) => setErrors((e) => ({ ...e, [conversationId]: text }));
    const tooLarge = (max: number) => tRef.current.t('fileTooLarge', { max: megabytes(max, tRef.current.lang) });
    const badType = (types: string[]) => tRef.current.t('fileTypeRefused', { types: types.map((x) => LABEL[x] ?? x).join(tRef.current.t('listSeparator')) });

    async function one(conversationId: string, file: File) {
      const l = await (limits.current ??= uploadLimits().catch(() => null));
      if (l && file.size > l.maxBytes) return refuse(conversationId, tooLarge(l.maxBytes));
      if (l && file.type && !(l.types as string[]).includes(file.type)) return refuse(conversationId, badType(l.types));
      const id = newClientId();
      const item: UploadItem = { id, conversationId, name: file.name, loaded: 0, total: file.size };
      setItems((xs) => xs.concat(item));
      const up = uploadFile(`/api/conversations/${encodeURIComponent(conversationId)}/files`, file, id, (loaded, total) =>
        setItems((xs) => xs.map((x) => (x.id === id ? { ...x, loaded, total } : x))),
      );
      running.current.set(id, up);
      const r = await up.done;
      running.current.delete(id);
      setItems((xs) => xs.filter((x) => x.id !== id));
      if (r.ok) return dispatch({ type: 'message', message: r.message });
      if (r.message === 'cancelled') return;
      refuse(conversationId, r.error === 'too_large' ? tooLarge(r.maxBytes ?? l?.maxBytes ?? 0) : r.error === 'unsupported_type' ? badType(l?.types ?? Object.keys(LABEL)) : tRef.current.t('uploadFailed', { message: r.message }));
    }

    return {
      items,
      errors,
      start(conversationId, files) {
        setErrors((e) => ({ ...e, [conversationId]: '' }));
        for (const f of files) void one(conversationId, f);
      },
      cancel(id) {
        running.current.get(id)?.cancel();
      },
      dismiss(conversationId) {
        setErrors((e) => ({ ...e, [conversationId]: '' }));
      },
    };
  }, [items, errors]);
}
