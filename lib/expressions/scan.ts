/**
 * Walks a JSON or HCL text, calling `visit` with every character that stands outside a
 * double-quoted string (backslash escapes honoured); `visit` returns false to stop early.
 * Returns whether the text ends inside a string.
 */
export function scanOutsideStrings(text: string, visit: (c: string) => boolean | void): { endsInString: boolean } {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (visit(c) === false) break;
  }
  return { endsInString: inString };
}
