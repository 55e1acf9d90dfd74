// The one kind of error bad input files give in `chainbrain esri`.

/**
 * Bad input: names the file, and the line and column where they are known (line 0: the file as a whole),
 * and says what is wrong in English and in Chinese (the project's users read Chinese first).
 */
export class InputError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(file: string, line: number, column: number, message: string, zh: string) {
    super(`${line > 0 ? `${file}:${line}:${column}` : file}: ${message} / ${zh}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}
