/** Memory of this Node process and of a JVM, read from /proc (Linux). */
import { readFileSync } from 'node:fs';

const kib = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);

/** A process's resident set now and at its peak (VmHWM), in MiB. */
export function jvmMemory(pid: number): { rssMiB: number; peakMiB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rssMiB: Math.round(kib(status, 'VmRSS') / 1024), peakMiB: Math.round(kib(status, 'VmHWM') / 1024) };
  } catch {
    return { rssMiB: Number.NaN, peakMiB: Number.NaN };
  }
}

/** Samples the JVM's and this process's resident set every 100 ms; stop() returns the peaks seen. */
export class MemoryWatch {
  private jvmPeak = 0;
  private nodePeak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    const sample = () => {
      this.jvmPeak = Math.max(this.jvmPeak, jvmMemory(this.pid).rssMiB || 0);
      this.nodePeak = Math.max(this.nodePeak, process.memoryUsage.rss() / 2 ** 20);
    };
    sample();
    this.timer = setInterval(sample, 100);
  }

  stop(): { jvmPeakMiB: number; nodePeakMiB: number } {
    clearInterval(this.timer);
    return { jvmPeakMiB: Math.round(this.jvmPeak), nodePeakMiB: Math.round(this.nodePeak) };
  }
}
