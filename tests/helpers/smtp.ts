/**
 * A real SMTP server on loopback (smtp-server), whose received messages are parsed with mailparser.
 * It can be stopped and started again on the same port to play an outage.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export class TestSmtp {
  readonly messages: ParsedMail[] = [];
  port = 0;
  private server: SMTPServer | null = null;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private savedEnv: NodeJS.ProcessEnv | null = null;

  /**
   * Starts the server and points the app at it. Call before startStrapi(): the email provider builds
   * its SMTP transport from SMTP_* when Strapi starts.
   */
  async startForApp(): Promise<void> {
    await this.start();
    this.savedEnv = { ...process.env };
    Object.assign(process.env, {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.port),
      SMTP_IGNORE_TLS: 'true',
    });
  }

  /** Stops the server and gives the environment back as it was. */
  async stopForApp(): Promise<void> {
    await this.stop();
    if (this.savedEnv) process.env = this.savedEnv;
    this.savedEnv = null;
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) =>
      JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase())
    );
  }
}
