import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runEsri } from '../esri/run.js';
import { MAX_THREADS } from '../esri/threads.js';
import { optionErrorInChinese } from './option-errors.js';

function positiveInt(value: string): number {
  const digits = /^\d+$/.test(value.trim());
  const n = digits ? Number(value) : Number.NaN;
  if (digits && !Number.isSafeInteger(n))
    throw new InvalidArgumentError(
      `out of range: at most ${Number.MAX_SAFE_INTEGER} / 超出范围：最大为 ${Number.MAX_SAFE_INTEGER}`,
    );
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a whole number ≥ 1 / 须为不小于 1 的整数');
  return n;
}

function threadsValue(value: string): number {
  const n = positiveInt(value);
  if (n > MAX_THREADS)
    throw new InvalidArgumentError(`must be at most ${MAX_THREADS} / 不能超过 ${MAX_THREADS}`);
  return n;
}

function epsValue(value: string): number {
  const x = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  // 1e400 is a number, just not one a double holds: say so rather than "not a number".
  if (x === Number.POSITIVE_INFINITY)
    throw new InvalidArgumentError(
      'out of range: a float holds at most about 1.8e308 / 超出浮点数范围：最大约 1.8e308',
    );
  if (!(x >= 0)) throw new InvalidArgumentError('must be a number ≥ 0 / 须为不小于 0 的数');
  return x;
}

// Firm-level ESRI and shock scenarios on a supply network (docs/engine.md; spec shared/specs/esri.md).
export function esriCommand(): Command {
  return new Command('esri')
    .description('Firm-level systemic risk (ESRI) of a supply network / 企业系统性风险指数')
    .requiredOption('--edges <file>', 'links: supplier,buyer,value (yuan; repeated pairs are summed)')
    .requiredOption('--firms <file>', 'firms: id,industry[,market][,revenue]')
    .option('--essentiality <file>', 'ratings: supplier_industry,buyer_industry,rating (0/1/2; unlisted = 0)')
    .addOption(
      new Option('--production <mode>', 'production function')
        .choices(['linear', 'leontief', 'table'])
        .makeOptionMandatory(),
    )
    .option('--substitution', 'substitute damaged suppliers within their market', false)
    .option('--eps <number>', 'stop when no firm loses more than eps in a step', epsValue, 0.01)
    .addOption(
      new Option('--weights <kind>', 'ESRI weights')
        .choices(['out_strength', 'revenue'])
        .default('out_strength'),
    )
    .addOption(
      new Option('--upstream-by <kind>', 'denominator of the upstream channel')
        .choices(['out_strength', 'revenue'])
        .default('out_strength'),
    )
    .option(
      '--max-steps <n>',
      'step cap of every run; a run it ends is marked "capped": true in the JSON',
      positiveInt,
      100_000,
    )
    .option('--all-firms', 'firm-level ESRI of every firm', false)
    .option('--scenarios <file>', 'scenarios JSON: [{"name", "down": {id: share}, "up": {id: share}}]')
    .option(
      '--threads <n>',
      `worker threads, at most the CPUs available (${availableParallelism()} here) and ${MAX_THREADS}`,
      threadsValue,
      Math.min(availableParallelism(), MAX_THREADS),
    )
    .addOption(
      new Option(
        '--method <kind>',
        'firm-level ESRI: walk sums where they apply (auto) or the cascade for every firm',
      )
        .choices(['auto', 'cascade'])
        .default('auto'),
    )
    .option('--out <file>', 'write the result JSON here (default: stdout)')
    .configureOutput({
      outputError: (message, write) => write(`${message.trimEnd()}\n${optionErrorInChinese(message)}\n`),
    })
    .action(async (opts) => {
      try {
        await runEsri(opts);
      } catch (err) {
        process.stderr.write(`chainbrain esri: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
