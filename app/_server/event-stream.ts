import { listen } from "@/lib/workshop/live";
import type { WorkshopEvent } from "@/lib/workshop/events";

/**
 * A Server-Sent Events answer that sends `snapshot()` at once (or, when it answers null, an `event: gone` and the end), after every event of the workshop `accept` lets
 * through, and every `refreshMs` (so time-based states such as "stuck after 10 idle minutes" appear without an event).
 * Events that arrive while a snapshot is being read are merged into one more read: a busy room costs each stream at
 * most one read in flight, never a queue; with `minIntervalMs`, reads start at least that far apart (events in between
 * wait for the next). `onClose` runs once when the browser goes.
 */
export function eventStream(
  request: Request,
  workshopId: string,
  snapshot: () => Promise<unknown>,
  {
    accept = () => true,
    refreshMs = 30_000,
    minIntervalMs = 0,
    onClose,
  }: { accept?: (event: WorkshopEvent) => boolean; refreshMs?: number; minIntervalMs?: number; onClose?: () => void } = {},
): Response {
  const encoder = new TextEncoder();
  let stopListening: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    stopListening?.();
    if (timer) clearInterval(timer);
    onClose?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let sending = false;
      let again = false;
      let eventAt: number | null = null;
      let lastStart = -Infinity;
      let waiting: ReturnType<typeof setTimeout> | undefined;
      const send = async () => {
        if (closed) return;
        if (sending || waiting) {
          again ||= sending;
          return;
        }
        const wait = lastStart + minIntervalMs - performance.now();
        if (wait > 0) {
          waiting = setTimeout(() => {
            waiting = undefined;
            void send();
          }, wait);
          return;
        }
        sending = true;
        lastStart = performance.now();
        try {
          const data = await snapshot();
          if (closed) return;
          if (data === null) {
            // The viewer lost access (a removed co-instructor): say so once and end the stream; the page stops here.
            controller.enqueue(encoder.encode("event: gone\ndata: {}\n\n"));
            close();
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(`event: room\ndata: ${JSON.stringify({ eventAt, data })}\n\n`));
        } catch (error) {
          console.error("workshop stream: reading the room failed", error);
        } finally {
          sending = false;
          if (again) {
            again = false;
            void send();
          }
        }
      };
      request.signal.addEventListener("abort", () => {
        close();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      stopListening = await listen(workshopId, (event) => {
        if (!accept(event)) return;
        eventAt = event.at;
        void send();
      });
      if (closed) stopListening(); // the browser left while the bus was connecting
      timer = setInterval(() => void send(), refreshMs);
      // Tells the browser how soon to reconnect if the connection drops.
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      await send();
    },
    cancel: close,
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no" },
  });
}
