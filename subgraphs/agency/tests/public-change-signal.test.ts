import { PublicChangeSignal } from '../services/public-feed';

/** Issue 11: a long poll of the change log answers at the commit, also one made while the reader looked. */
describe('the commit signal of the public change log', () => {
  it('wakes a waiting reader at the next commit', async () => {
    const signal = new PublicChangeSignal();
    const started = Date.now();
    const waiting = signal.next(5000, signal.mark());
    signal.wake();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not wait when a commit came between the reader\'s look at the log and its wait (a lost wake-up held replication for the whole wait)', async () => {
    const signal = new PublicChangeSignal();
    const mark = signal.mark();
    signal.wake(); // committed while the reader's query ran, before it began to wait
    const started = Date.now();
    await signal.next(5000, mark);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits out its time when nothing commits', async () => {
    const signal = new PublicChangeSignal();
    const started = Date.now();
    await signal.next(200, signal.mark());
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
