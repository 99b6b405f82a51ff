// A picked picture, made small before it is sent: centred, cropped square, 128 pixels, WebP (or
// PNG where the browser cannot write WebP) — a few kilobytes instead of a camera's megabytes.
export const AVATAR_SIZE = 128;

export async function squareAvatar(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = AVATAR_SIZE;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no canvas');
  g.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, AVATAR_SIZE, AVATAR_SIZE);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/webp', 0.85));
  if (blob && blob.type === 'image/webp') return blob;
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!png) throw new Error('could not encode the picture');
  return png;
}
