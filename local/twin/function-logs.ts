/** Function log lines from the twin go to one file per function under .claimflow/logs/, as CloudWatch Logs would. */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export class FunctionLogFiles {
  private readonly streams = new Map<string, WriteStream>();

  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  readonly write = (functionName: string, stream: 'stdout' | 'stderr', text: string): void => {
    let file = this.streams.get(functionName);
    if (!file) {
      file = createWriteStream(join(this.directory, `${functionName}.log`), { flags: 'a' });
      this.streams.set(functionName, file);
    }
    file.write(stream === 'stderr' ? `[stderr] ${text}\n` : `${text}\n`);
  };

  async close(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => new Promise<void>((resolve) => s.end(resolve))));
  }
}
