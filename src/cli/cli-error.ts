import { ChronicleError } from "../errors.js";

/** Runs a command's main function; any failure becomes one line on stderr and exit code 1, never a stack. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof ChronicleError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`chronicle: ${message}\n`);
    process.exit(1);
  });
}
