/**
 * Uploading one material: the SHA-256 is computed in the browser (crypto.subtle) and declared
 * to the API, which presigns a PUT bound to it; the bytes go straight to storage with progress
 * events (XMLHttpRequest: fetch has no upload progress). The API checks the digest later.
 */
import { api } from '../api/client';
import type { components } from '../api/schema';

type UploadTicket = components['schemas']['UploadTicket'];
type ContentType = components['schemas']['CreateUploadRequest']['contentType'];

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function put(ticket: UploadTicket, file: Blob, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.method, ticket.url);
    for (const [name, value] of Object.entries(ticket.headers)) {
      // The browser sets these itself and refuses to be told.
      if (!['host', 'content-length'].includes(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`upload failed: HTTP ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('upload failed: network error'));
    xhr.send(file);
  });
}

/** Hashes, registers and uploads `file` for a material; returns the upload id to submit. */
export async function uploadMaterial(
  serviceId: string,
  materialId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<string> {
  onProgress(0);
  const sha256 = await sha256Hex(file);
  const ticket = await api<UploadTicket>('POST', '/v1/uploads', {
    body: { serviceId, materialId, contentType: file.type as ContentType, sizeBytes: file.size, sha256 },
  });
  await put(ticket, file, onProgress);
  onProgress(100);
  return ticket.uploadId;
}
