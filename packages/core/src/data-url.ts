export interface DataUrl {
  /** e.g. `image/png`; `text/plain;charset=US-ASCII` is the default of an empty media type. */
  mediaType: string;
  /** Base64 payload (percent-decoded and base64-encoded when the URL was not base64). */
  data: string;
}

const dataUrlPattern = /^data:([^,]*?)(;base64)?,(.*)$/s;

/** Parses an RFC 2397 `data:` URL (as sent in image_url / file_data); undefined for anything else. */
export function parseDataUrl(url: string): DataUrl | undefined {
  if (!url.startsWith('data:')) return undefined;
  const match = dataUrlPattern.exec(url);
  if (!match) return undefined;
  const mediaType = (match[1] ?? '').split(';')[0]?.trim() || 'text/plain';
  const payload = match[3] ?? '';
  if (match[2]) return { mediaType, data: payload };
  let decoded: string;
  try {
    decoded = decodeURIComponent(payload);
  } catch {
    return undefined;
  }
  return { mediaType, data: Buffer.from(decoded, 'utf8').toString('base64') };
}
