// A single-consumer queue of chunks that is also an async iterable: what arrives before anyone reads is
// kept, and the reader waits for more until the queue is ended (or failed).

export class ChunkQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private head = 0;
  private ended = false;
  private error: unknown;
  private wake: (() => void) | undefined;
  private iterating = false;

  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    this.signal();
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.signal();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    if (this.iterating) throw new Error('this stream has a reader already');
    this.iterating = true;
    for (;;) {
      if (this.head < this.items.length) {
        const item = this.items[this.head]!;
        this.items[this.head++] = undefined as T;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items.splice(0, this.head);
          this.head = 0;
        }
        yield item;
        continue;
      }
      if (this.ended) {
        if (this.error !== undefined) throw this.error;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
