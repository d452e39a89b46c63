/**
 * Drives a second BeneComune process (tests/helpers/strapi-process.js): a real Strapi booted from
 * dist/ in a child Node process on the run's database, commanded over IPC, and killable.
 */
import { fork, type ChildProcess } from 'child_process';
import path from 'path';

const SCRIPT = path.resolve(__dirname, 'strapi-process.js');

interface Answer {
  id?: number;
  type?: string;
  code?: string;
  ok?: boolean;
  result?: unknown;
  error?: string;
}

export interface ProcessOptions {
  /** The fixed clock's start (BC_TEST_NOW). */
  now: Date;
  /** Extra environment (over this process's, which carries the run's DATABASE_* and SMTP_*). */
  env?: Record<string, string>;
  bootTimeoutMs?: number;
}

export class SecondProcess {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private stderr = '';
  private readonly notices = new Map<string, (message: Answer) => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    });
    child.stdout?.resume();
    child.on('message', (message: Answer) => {
      if (message.type) this.notices.get(message.type)?.(message);
      if (message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiting) return;
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`second process: ${message.error}`));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        for (const [, waiting] of this.pending) {
          waiting.reject(new Error(`second process exited (${code ?? signal}): ${this.stderr}`));
        }
        this.pending.clear();
        resolve({ code, signal });
      });
    });
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Forks the process and waits until its Strapi has booted. */
  static async start(options: ProcessOptions): Promise<SecondProcess> {
    const child = fork(SCRIPT, [], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, ...options.env, BC_TEST_NOW: options.now.toISOString() },
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const proc = new SecondProcess(child);
    const timeoutMs = options.bootTimeoutMs ?? 90_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => {
          const onReady = (message: Answer) => {
            if (message.type !== 'ready') return;
            child.off('message', onReady);
            resolve();
          };
          child.on('message', onReady);
        }),
        proc.exited.then(({ code, signal }) => {
          throw new Error(`second process died while booting (${code ?? signal}): ${proc.stderr}`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('second process: boot timed out')), timeoutMs);
        }),
      ]);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return proc;
  }

  /** Sends a command; resolves with the process's answer. */
  call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, ...args }, (error) => {
        if (!error) return;
        this.pending.delete(id);
        reject(error);
      });
    });
  }

  /** The next message of this type the process sends of its own accord. */
  notice(type: string): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.notices.set(type, (message) => {
        this.notices.delete(type);
        resolve(message);
      });
      this.exited.then(({ code, signal }) =>
        reject(new Error(`second process exited (${code ?? signal}): ${this.stderr}`))
      );
    });
  }

  /** Kills the process (SIGKILL by default: no shutdown hook runs) and waits for its exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    if (!this.hasExited) this.child.kill(signal);
    return this.exited;
  }

  /** Destroys its Strapi and lets it exit; kills it if it does not answer. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (this.hasExited) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([this.call('stop').then(() => this.exited), timeout]).catch(
      () => 'failed' as const
    );
    clearTimeout(timer);
    if (outcome === 'timeout' || outcome === 'failed') await this.kill();
    else await this.exited;
  }
}
