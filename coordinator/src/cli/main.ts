import { withEnvFile } from '../config/load-env-file.ts';
import { toCliError } from './cli-error.ts';
import { runCli } from './run-cli.ts';

// The `plaza` command: the environment with .env under it, then the command table.
let env: Record<string, string | undefined>;
try {
  env = withEnvFile(process.env, process.cwd());
} catch (error) {
  const failure = toCliError(error, 'plaza');
  process.stderr.write(
    `error ${failure.code}: could not read the environment file: ${failure.message}\n`,
  );
  process.exit(2);
}
process.exitCode = await runCli(process.argv.slice(2), env);
