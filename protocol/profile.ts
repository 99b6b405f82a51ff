// Each person's own profile: the display name and picture visitors see.
//   GET /api/profile → Profile;  PATCH /api/profile {name} → Profile
//   PUT /api/profile/avatar (body: a PNG, JPEG or WebP image, at most AVATAR_MAX_BYTES) → Profile
//   DELETE /api/profile/avatar → Profile
//   GET /avatars/:agentId?v=… → the picture (public: visitors' widgets show it)
export interface Profile {
  id: string;
  email: string;
  name: string;
  /** Path of the picture on this server, or null. */
  avatar: string | null;
}

export const AVATAR_MAX_BYTES = 96 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
