import { Command } from 'commander';
import { esriCommand } from './commands/esri.js';

const program = new Command('chainbrain')
  .description('ChainBrain (产业链大脑): industrial chain monitoring and supply-risk decision support')
  .version('0.1.0');

program.addCommand(esriCommand());

await program.parseAsync(process.argv);
