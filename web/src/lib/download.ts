/** Downloads an authenticated API response as a file (an <a download> cannot send the bearer token). */
import { runtimeConfig } from '../config';
import { locale } from '../i18n';
import { session } from '../session';

export async function downloadFile(path: string, filename: string): Promise<void> {
  const res = await fetch(`${runtimeConfig().apiUrl}${path}`, {
    headers: { authorization: `Bearer ${session.value?.token ?? ''}`, 'accept-language': locale.value },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
