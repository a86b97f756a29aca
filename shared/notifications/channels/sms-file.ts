import fs from 'node:fs';
import path from 'node:path';
import type { SmsChannel, SmsMessage } from '../sms';

/**
 * The local SMS channel: one JSON line per message in `<data dir>/sms-outbox.jsonl` (the data
 * folder is private to its user, 0600). It holds the full number, as a gateway would receive
 * it; logs show it masked. Ids already in the file are not written again, so a send repeated
 * after a crash between the line and the item's update leaves one line.
 */
export function createFileSmsChannel(file: string, clock: { now(): Date }): SmsChannel & { file: string } {
  let sent: Set<string> | undefined;
  const load = () => {
    if (sent) return sent;
    sent = new Set();
    if (fs.existsSync(file)) {
      const content = fs.readFileSync(file, 'utf8');
      // A line cut short by a crash: end it, so the next message starts on a line of its own.
      if (content && !content.endsWith('\n')) fs.appendFileSync(file, '\n');
      for (const line of content.split('\n')) {
        if (!line.trim()) continue;
        try {
          const id = (JSON.parse(line) as { id?: unknown }).id;
          if (typeof id === 'string') sent.add(id);
        } catch {
          // The cut line: that message was not fully handed over and goes again.
        }
      }
    }
    return sent;
  };
  return {
    file,
    async send(m: SmsMessage) {
      const ids = load();
      if (ids.has(m.id)) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const line = JSON.stringify({
        id: m.id,
        at: clock.now().toISOString(),
        to: m.to,
        applicationId: m.applicationId,
        kind: m.kind,
        text: m.text,
      });
      fs.appendFileSync(file, `${line}\n`, { mode: 0o600 });
      ids.add(m.id);
    },
  };
}
