import { Command } from 'commander';

// Replaced by the engine work (issue 5): reads edges/firms/essentiality CSVs and runs the ESRI cascade.
export function esriCommand(): Command {
  return new Command('esri').description('Firm-level systemic risk (ESRI) of a supply network / 企业系统性风险指数');
}
