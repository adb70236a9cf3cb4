// The caller's address for the security log: the first hop of
// X-Forwarded-For (set by the reverse proxy in front of the app), else
// X-Real-IP. Only as trustworthy as that proxy; null when neither is sent.
export function clientIp(headers: Pick<Headers, "get"> | null | undefined): string | null {
  if (!headers) return null;
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim() || null;
  return ip ? ip.slice(0, 100) : null;
}
