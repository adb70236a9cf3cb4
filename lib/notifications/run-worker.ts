import "server-only";
// The notification worker of one app instance: scan for what to notify, then
// send what is due. A pass never overlaps the previous one.
import { logger } from "@/lib/log";
import { scanNotifications } from "@/lib/notifications/scan-notifications";
import { deliverDueNotifications } from "@/lib/notifications/deliver-notifications";

export function startNotificationWorker(seconds: number): void {
  if (seconds === 0) return;
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const scanned = await scanNotifications();
      if (Object.values(scanned).some((n) => n > 0)) logger.info("notifications enqueued", scanned);
      for (;;) {
        const sent = await deliverDueNotifications();
        if (sent.claimed > 0) logger.info("notification deliveries", sent);
        if (sent.claimed < 50) break;
      }
    } catch (error) {
      logger.error("notification pass failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  setInterval(pass, seconds * 1000).unref();
  void pass();
}
