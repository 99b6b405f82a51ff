// One file to a conversation over multipart HTTP, with progress (XMLHttpRequest: fetch cannot
// report upload progress) and a way to cancel. The session cookie goes along (same origin).
import type { ChatMessage, UploadError } from '../../../protocol/index.ts';

export type UploadResult = { ok: true; message: ChatMessage } | ({ ok: false } & UploadError);

export interface RunningUpload {
  done: Promise<UploadResult>;
  cancel(): void;
}

export function uploadFile(url: string, file: File, clientId: string, onProgress: (loaded: number, total: number) => void): RunningUpload {
  const xhr = new XMLHttpRequest();
  let cancelled = false;
  const done = new Promise<UploadResult>((resolve) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
    xhr.onloadend = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // no JSON (network error, proxy page)
      }
      if (xhr.status === 201 && body && typeof body === 'object' && 'message' in body) return resolve({ ok: true, message: (body as { message: ChatMessage }).message });
      if (cancelled) return resolve({ ok: false, error: 'invalid', message: 'cancelled' });
      const err = (body ?? {}) as Partial<UploadError>;
      resolve({ ok: false, error: err.error ?? 'internal', message: err.message ?? (xhr.status ? xhr.statusText : 'network error'), ...(err.maxBytes && { maxBytes: err.maxBytes }) });
    };
    const form = new FormData();
    form.append('clientId', clientId);
    form.append('file', file);
    xhr.send(form);
  });
  return {
    done,
    cancel() {
      cancelled = true;
      xhr.abort();
    },
  };
}
