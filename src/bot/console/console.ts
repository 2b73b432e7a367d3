import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine } from '../../app/turn.js';
import type { OutFile } from '../../app/types.js';
import type { Identity } from '../../domain/access.js';
import { renderPlain } from '../../domain/dialog/render.js';
import { msg } from '../../domain/messages/index.js';

export interface ConsoleOptions {
  engine: Engine;
  who: Identity;
  input: Readable;
  output: Writable;
  /** A terminal: show a prompt. Otherwise each input line is one message, and the chat ends at end of input. */
  interactive: boolean;
  /** Print each input line before its replies (useful for scripted transcripts). */
  echo?: boolean;
  onError?: (err: unknown) => void;
  /** Where a document (appendix, difficulties report) is written; returns its path. */
  saveFile?: (file: OutFile) => Promise<string>;
}

/** Lines typed earlier in the session that the up arrow brings back. */
const HISTORY_SIZE = 200;

/**
 * The console channel: the same engine as the messengers, one line per message. On a terminal it
 * is a normal prompt: "Bạn> ", what is typed shown as it is typed, line editing and the up-arrow
 * history (readline writes to the output); Ctrl+C or Ctrl+D ends it. Piped, each input line is one
 * message and nothing is echoed unless asked.
 */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { engine, who, output } = opts;
  const rl = opts.interactive
    ? createInterface({
        input: opts.input,
        output,
        terminal: true,
        historySize: HISTORY_SIZE,
        removeHistoryDuplicates: true,
        prompt: 'Bạn> ',
      })
    : createInterface({ input: opts.input, terminal: false });
  // Without a listener, Ctrl+C would only pause the input and leave the chat hanging. Ending on a
  // terminal (Ctrl+C, Ctrl+D) leaves the shell's prompt on a line of its own.
  rl.on('SIGINT', () => rl.close());
  if (opts.interactive) rl.on('close', () => output.write('\n'));
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => {
    if (opts.interactive) rl.prompt();
  };
  prompt();
  for await (const line of rl) {
    if (opts.echo) write(`> ${line}`);
    if (line.trim() !== '') {
      try {
        const replies = await engine.handle(who, line);
        for (const reply of replies) {
          write(`${renderPlain(reply)}\n`);
          if (reply.file && opts.saveFile) write(`${msg.fileSaved(await opts.saveFile(reply.file))}\n`);
        }
      } catch (err) {
        opts.onError?.(err);
        write(`${msg.apology()}\n`);
      }
    }
    prompt();
  }
}
