// Files in a conversation: images and PDFs sent by visitors (widget) and agents (console).
// They travel over HTTP (multipart), never over the socket; a message carries only their
// metadata (`meta.type === 'attachment'`), and the bytes are fetched with the sender's own
// credentials: the visitor's token, or the console's session.

/** The types the server may accept (PORSAN_UPLOAD_TYPES picks among these); checked from the bytes. */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** What a message says about its file. */
export interface AttachmentInfo {
  id: string;
  /** The sender's file name, cleaned (no paths or direction controls; the extension matches the type). */
  name: string;
  /** Bytes. */
  size: number;
  /** From the file's bytes, never from its name or the declared type. */
  mime: UploadType;
  /** Images show as thumbnails that open full size; other files as a card. */
  kind: 'image' | 'file';
  /** Images: pixel size (for the layout before the image has loaded). */
  width?: number;
  height?: number;
}

export interface AttachmentMeta {
  type: 'attachment';
  file: AttachmentInfo;
}

/** The server's limits, as the widget and the console learn them. */
export interface UploadLimits {
  maxBytes: number;
  types: UploadType[];
}

/** Refusals of an upload (HTTP 400/401/404/413/415/429), besides the usual API errors. */
export type UploadErrorCode = 'too_large' | 'unsupported_type' | 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'wrong_state' | 'rate_limited' | 'internal';
export interface UploadError {
  error: UploadErrorCode;
  message: string;
  /** With `too_large`. */
  maxBytes?: number;
  retryAfterSeconds?: number;
}

// ---------------------------------------------------------------- HTTP
// Visitor (widget, any allowed origin), authenticated by `Authorization: Bearer <visitor token>`:
//   POST /visitor/files   multipart: field `clientId`, then one `file` → 201 {message: ChatMessage}
//                         (into the visitor's current conversation; one is started when there is none)
//   GET  /visitor/files/:id → the bytes: only files of the visitor's own conversations
// Console, authenticated by the session cookie (permission 'conversations'):
//   GET  /api/uploads                      → UploadLimits
//   POST /api/conversations/:id/files      multipart as above → 201 {message} (the conversation's owner only)
//   GET  /api/files/:id[?download=1]       → the bytes
// Files are served with Content-Disposition (inline for images, attachment otherwise),
// X-Content-Type-Options: nosniff and a Content-Security-Policy that runs nothing (sandbox).
