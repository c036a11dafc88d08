/**
 * Section 5's reading of the bench JVM's safepoint log (bench/lib/tail-watch.ts jvmPauses): each
 * stop-the-world pause's end, length and cause, only those that ended inside the watched window, with
 * the log's +0000-style offset read as a real offset (a time read as local would shift the window).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jvmPauses } from '../../bench/lib/tail-watch.ts';

// Lines as JDK 17 writes them with -Xlog:safepoint:file=…:time,level,tags.
const LOG = [
  '[2026-11-30T08:27:47.628+0000][info][gc,start    ] GC(29) Pause Young (Normal) (G1 Evacuation Pause)',
  '[2026-11-30T08:27:46.000+0000][info][safepoint   ] Safepoint "Cleanup", Time since last: 1000199024 ns, Reaching safepoint: 36491 ns, Cleanup: 91193 ns, At safepoint: 4087 ns, Total: 131771 ns',
  '[2026-11-30T08:27:47.724+0000][info][safepoint   ] Safepoint "G1CollectForAllocation", Time since last: 163145672 ns, Reaching safepoint: 14231 ns, Cleanup: 5698 ns, At safepoint: 96083212 ns, Total: 96103141 ns',
  '[2026-11-30T10:27:48.000+0200][info][safepoint   ] Safepoint "ICBufferFull", Time since last: 1 ns, Reaching safepoint: 13653436 ns, Cleanup: 169619 ns, At safepoint: 896104 ns, Total: 14719159 ns',
  '[2026-11-30T08:27:50.000+0000][info][safepoint   ] Safepoint "Cleanup", Time since last: 1 ns, Reaching safepoint: 1 ns, Cleanup: 1 ns, At safepoint: 1 ns, Total: 5000000 ns',
].join('\n');

describe('jvmPauses', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'jvm-pauses-')), 'safepoints.log');
  writeFileSync(file, `${LOG}\n`);
  const from = Date.parse('2026-11-30T08:27:47.000Z');
  const to = Date.parse('2026-11-30T08:27:49.000Z');

  it('takes the pauses that ended in the window, with their length in ms and their cause', () => {
    expect(jvmPauses(file, from, to)).toEqual([
      { at: Date.parse('2026-11-30T08:27:47.724Z'), ms: 96.103141, cause: 'G1CollectForAllocation' },
      // 10:27:48 at +02:00 is 08:27:48 UTC: inside the window.
      { at: Date.parse('2026-11-30T08:27:48.000Z'), ms: 14.719159, cause: 'ICBufferFull' },
    ]);
  });

  it('gives no pauses for a log that is not there (a store started without one)', () => {
    expect(jvmPauses(join(file, 'missing'), from, to)).toEqual([]);
  });
});
