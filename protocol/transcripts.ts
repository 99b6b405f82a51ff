// A conversation's transcript for its visitor: a plain-text file to download from the widget,
// or the same text by mail when the server can send mail.

export interface Transcript {
  /** A file name such as porsan-2026-06-01-1a2b3c4d.txt */
  filename: string;
  /** The transcript, plain text (UTF-8). */
  text: string;
  /** Whether the server can mail it (SMTP configured): the widget offers email only then. */
  mail: boolean;
}
